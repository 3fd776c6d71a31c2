import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isTrustedSender, isTrustedUrl } from '../../../src-main/electron/trust';

const rendererIndexFile = '/opt/neural-lab/out/renderer/index.html';
const appUrl = pathToFileURL(rendererIndexFile).href;

describe('which frames may call the API', () => {
  const packaged = { rendererIndexFile };
  const dev = { rendererIndexFile, devServerUrl: 'http://localhost:5173/' };

  it('trusts the app\'s own index.html, with or without a hash or query', () => {
    expect(isTrustedSender({ url: appUrl, parent: null }, packaged)).toBe(true);
    expect(isTrustedSender({ url: `${appUrl}#/runs`, parent: null }, packaged)).toBe(true);
    expect(isTrustedSender({ url: `${appUrl}?x=1`, parent: null }, packaged)).toBe(true);
  });

  it('refuses other files, other hosts, subframes and vanished frames', () => {
    expect(isTrustedSender({ url: pathToFileURL('/tmp/evil.html').href, parent: null }, packaged)).toBe(false);
    expect(isTrustedSender({ url: 'file:///opt/neural-lab/out/renderer/../renderer/other.html', parent: null }, packaged)).toBe(false);
    expect(isTrustedSender({ url: 'file://attacker/opt/neural-lab/out/renderer/index.html', parent: null }, packaged)).toBe(false);
    expect(isTrustedSender({ url: 'https://example.com/', parent: null }, packaged)).toBe(false);
    expect(isTrustedSender({ url: 'http://localhost:5173/', parent: null }, packaged)).toBe(false);
    expect(isTrustedSender({ url: appUrl, parent: {} }, packaged)).toBe(false);
    expect(isTrustedSender(null, packaged)).toBe(false);
    expect(isTrustedUrl('not a url', packaged)).toBe(false);
  });

  it('trusts the dev server only when one is configured, and only its exact origin', () => {
    expect(isTrustedSender({ url: 'http://localhost:5173/index.html', parent: null }, dev)).toBe(true);
    expect(isTrustedSender({ url: 'http://localhost:5174/', parent: null }, dev)).toBe(false);
    expect(isTrustedSender({ url: 'http://127.0.0.1:5173/', parent: null }, dev)).toBe(false);
    expect(isTrustedSender({ url: 'https://localhost:5173/', parent: null }, dev)).toBe(false);
  });
});
