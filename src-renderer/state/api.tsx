/**
 * The contract's API object for the views, and small helpers around its results. Views
 * get the API from context (App provides getApi()), so a test can start the app against
 * any transport.
 */

import { createContext, useContext } from 'react';
import type { ApiError, ApiResult, NeuralLabApi } from '../../src-shared/api/contract';

export const ApiContext = createContext<NeuralLabApi | null>(null);

export function useApi(): NeuralLabApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside <ApiContext.Provider>');
  return api;
}

/** A failed call as an exception, for code paths where a failure ends the action. */
export class ApiCallError extends Error {
  readonly code: ApiError['code'];
  readonly issues: ApiError['issues'];
  constructor(error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
    this.code = error.code;
    this.issues = error.issues;
  }
}

export async function unwrap<T>(result: Promise<ApiResult<T>>): Promise<T> {
  const settled = await result;
  if (!settled.ok) throw new ApiCallError(settled.error);
  return settled.value;
}

/** What to tell the user about anything thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
