/**
 * The Content-Security-Policy of the renderer, in one place: the Electron shell sends it
 * as a response header, the web server too, and a test checks that src-renderer/index.html
 * carries the same policy in its meta tag (which is what applies to file:// pages).
 * No 'unsafe-eval' and no inline scripts; inline styles are allowed because React and
 * recharts set style attributes. connect-src allows the web mode's loopback WebSocket.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self' ws://127.0.0.1:*",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The same policy for the `<meta>` tag of src-renderer/index.html: browsers ignore
 * frame-ancestors in a meta tag and log a console error for it, so it comes only as the
 * response header (Electron shell, web server).
 */
export const metaContentSecurityPolicy = contentSecurityPolicy
  .split('; ')
  .filter((directive) => !directive.startsWith('frame-ancestors'))
  .join('; ');
