import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, metaContentSecurityPolicy } from '../../../src-main/api/csp';
import { minimumWindowSize, secureWindowOptions } from '../../../src-main/electron/window';
import { defaultWindowState } from '../../../src-main/electron/window-state';

const root = join(import.meta.dirname, '..', '..', '..');

describe('the BrowserWindow options', () => {
  const options = secureWindowOptions({ preloadPath: '/app/out/preload/index.cjs', state: { width: 1000, height: 700, x: 10, y: 20, maximized: false } });
  const prefs = options.webPreferences!;

  it('follow Electron\'s security checklist', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
    expect(prefs.disableBlinkFeatures).toContain('Auxclick');
    // nothing that loosens the defaults sneaks in
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
    expect(prefs).not.toHaveProperty('enableRemoteModule');
  });

  it('load the CommonJS preload and use the remembered size and position', () => {
    expect(prefs.preload).toBe('/app/out/preload/index.cjs');
    expect(options).toMatchObject({ width: 1000, height: 700, x: 10, y: 20, minWidth: minimumWindowSize.width, minHeight: minimumWindowSize.height, show: false });
  });

  it('leave the position to the OS when none is remembered', () => {
    const fresh = secureWindowOptions({ preloadPath: '/p.cjs', state: defaultWindowState });
    expect(fresh).not.toHaveProperty('x');
    expect(fresh).not.toHaveProperty('y');
    expect(fresh).toMatchObject({ width: 1280, height: 800 });
  });
});

describe('the Content-Security-Policy', () => {
  const directives = new Map(contentSecurityPolicy.split(';').map((d) => {
    const [name, ...values] = d.trim().split(/\s+/);
    return [name, values] as const;
  }));

  it('allows no eval and no inline or foreign scripts', () => {
    expect(contentSecurityPolicy).not.toContain('unsafe-eval');
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('only connects to our own origin and the loopback WebSocket', () => {
    expect(directives.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:*']);
  });

  it('is the one in src-renderer/index.html', () => {
    const html = readFileSync(join(root, 'src-renderer', 'index.html'), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
    // all of it except frame-ancestors, which only a header can carry
    expect(meta?.[1]).toBe(metaContentSecurityPolicy);
    expect(contentSecurityPolicy).toBe(`${metaContentSecurityPolicy}; frame-ancestors 'none'`);
  });
});
