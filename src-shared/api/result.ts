/**
 * What every invoke channel answers: a value, or a typed error. Errors travel as plain data
 * because neither Electron's IPC nor JSON keep Error subclasses intact, and because a
 * rejected request is an expected outcome the UI shows, not an exception.
 */

import { z } from 'zod';

export const apiErrorCodes = [
  /** the request did not match the channel's schema; `issues` says where and why */
  'invalid-request',
  /** no such channel */
  'unknown-channel',
  /** the dataset, experiment or run named does not exist */
  'not-found',
  /** the request is valid but not now (e.g. resuming a run that is not paused) */
  'conflict',
  /** the work was cancelled by the user */
  'cancelled',
  /** this transport cannot do it (e.g. a native dialog in web mode) */
  'unsupported',
  /** the caller is not the app's own page (IPC from a foreign frame) */
  'forbidden',
  /** main could not be reached (web mode: the server stopped or the network failed) */
  'unavailable',
  /** the service tried and failed (unreadable folder, no images, …); the message says why */
  'failed',
  /** a bug on our side; the message is all the renderer gets, never a stack */
  'internal',
] as const;

export type ApiErrorCode = (typeof apiErrorCodes)[number];

export const apiIssueSchema = z.object({
  /** dotted path into the request, e.g. `config.optimizer.lr`; '' for the request itself */
  path: z.string(),
  message: z.string(),
});

export const apiErrorSchema = z.object({
  code: z.enum(apiErrorCodes),
  message: z.string(),
  issues: z.array(apiIssueSchema).optional(),
});

export type ApiIssue = z.infer<typeof apiIssueSchema>;
export type ApiError = z.infer<typeof apiErrorSchema>;

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Schema of the envelope around a channel's response, for transports that must parse it back. */
export function apiResultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: apiErrorSchema }),
  ]);
}

/** `a.b[2].c` style path, so a message names the field the way a developer would write it. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** Turns zod's issues into ours: one line per problem, naming the field. */
export function validationError(what: string, error: z.ZodError): ApiError {
  const issues = error.issues.map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message }));
  const lines = issues.slice(0, 5).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
  const more = issues.length > 5 ? `; and ${issues.length - 5} more` : '';
  return { code: 'invalid-request', message: `Invalid ${what}: ${lines.join('; ')}${more}`, issues };
}
