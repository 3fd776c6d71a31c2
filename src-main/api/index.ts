/**
 * The lab behind the typed contract: one router over the store, the training service,
 * datasets and models, for the Electron shell, web mode and tests.
 *
 *   const lab = await startLab({ dbPath?, ... })   lab.router.invoke(name, request) · lab.close()
 */
export { startLab, classifyServiceError, type Lab, type LabOptions, type NativeDialogs } from './lab';
export { createRouter, ApiFailure, type ApiRouter, type CallContext, type EventListener, type Handler, type Handlers, type RouterOptions } from './router';
export { contentSecurityPolicy, metaContentSecurityPolicy } from './csp';
export { inProcessClient } from './in-process-client';
