/**
 * Which pages may call the API over IPC: only the app's own renderer, loaded from its
 * index.html (or, in development, from electron-vite's dev server). Checked on every
 * invoke against the frame that sent it, so a page that somehow navigated elsewhere, or
 * a subframe, gets nothing. Pure, so it runs in tests without Electron.
 */

import { pathToFileURL } from 'node:url';

export interface TrustedOrigins {
  /** absolute path of the built renderer's index.html */
  rendererIndexFile: string;
  /** electron-vite's dev server (ELECTRON_RENDERER_URL), only when not packaged */
  devServerUrl?: string;
}

/** A frame as Electron describes it (`event.senderFrame`): null once it is gone. */
export interface SenderFrameLike {
  url: string;
  /** null for the top-level frame */
  parent: unknown;
}

export function isTrustedUrl(url: string, trusted: TrustedOrigins): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'file:') {
    return parsed.host === '' && parsed.pathname === pathToFileURL(trusted.rendererIndexFile).pathname;
  }
  if (trusted.devServerUrl) {
    const dev = new URL(trusted.devServerUrl);
    return (dev.protocol === 'http:' || dev.protocol === 'https:') && parsed.origin === dev.origin;
  }
  return false;
}

/** The sender is the app's own top-level page. */
export function isTrustedSender(frame: SenderFrameLike | null | undefined, trusted: TrustedOrigins): boolean {
  if (!frame || frame.parent) return false;
  return isTrustedUrl(frame.url, trusted);
}
