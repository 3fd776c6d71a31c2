import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultWindowState, loadWindowState, placeOnDisplays, saveWindowState } from '../../../src-main/electron/window-state';

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nl-window-'));
  dirs.push(dir);
  return join(dir, 'sub', 'window-state.json');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('remembered window size', () => {
  it('round-trips through the JSON file, creating its folder', () => {
    const file = tempFile();
    saveWindowState(file, { width: 1111, height: 777, x: -5, y: 40, maximized: true });
    expect(loadWindowState(file)).toEqual({ width: 1111, height: 777, x: -5, y: 40, maximized: true });
    expect(JSON.parse(readFileSync(file, 'utf8')).width).toBe(1111);
  });

  it('falls back to the default for a missing, corrupt or absurd file', () => {
    const file = tempFile();
    expect(loadWindowState(file)).toEqual(defaultWindowState);
    saveWindowState(file, { width: 900, height: 700, maximized: false });
    writeFileSync(file, '{"width": 900, "hei');
    expect(loadWindowState(file)).toEqual(defaultWindowState);
    writeFileSync(file, JSON.stringify({ width: 1e9, height: -3, maximized: 'yes' }));
    expect(loadWindowState(file)).toEqual(defaultWindowState);
  });

  it('refuses to save nonsense', () => {
    expect(() => saveWindowState(tempFile(), { width: 0, height: 10, maximized: false })).toThrow();
  });

  it('drops a position that is on no display any more', () => {
    const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];
    const onScreen = { width: 800, height: 600, x: 100, y: 100, maximized: false };
    expect(placeOnDisplays(onScreen, screen)).toEqual(onScreen);
    expect(placeOnDisplays({ ...onScreen, x: 2500 }, screen)).toEqual({ width: 800, height: 600, maximized: false });
    expect(placeOnDisplays({ ...onScreen, y: -400 }, screen)).toEqual({ width: 800, height: 600, maximized: false });
    // a second monitor to the left makes negative x visible
    expect(placeOnDisplays({ ...onScreen, x: -1000 }, [...screen, { x: -1280, y: 0, width: 1280, height: 1024 }])).toEqual({ ...onScreen, x: -1000 });
  });
});
