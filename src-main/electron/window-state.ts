/**
 * The window's size, position and maximised state, remembered between starts in a small
 * JSON file in the app's data folder. A missing, corrupt or hand-edited file means the
 * default window, never a failed start; a position off every display is dropped so the
 * window cannot open where nobody sees it.
 */

import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

const windowStateSchema = z.object({
  width: z.number().int().min(400).max(16_384),
  height: z.number().int().min(300).max(16_384),
  x: z.number().int().min(-65_536).max(65_536).optional(),
  y: z.number().int().min(-65_536).max(65_536).optional(),
  maximized: z.boolean(),
});

export type WindowState = z.infer<typeof windowStateSchema>;

export const defaultWindowState: WindowState = { width: 1280, height: 800, maximized: false };

export const windowStateFileName = 'window-state.json';

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The remembered state, or the default when the file is missing or not a valid state. */
export function loadWindowState(file: string): WindowState {
  try {
    const parsed = windowStateSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : { ...defaultWindowState };
  } catch {
    return { ...defaultWindowState };
  }
}

/** Writes atomically (temp file + rename), so a crash mid-write leaves the old state. */
export function saveWindowState(file: string, state: WindowState): void {
  const checked = windowStateSchema.parse(state);
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(checked, null, 2));
  renameSync(temp, file);
}

/**
 * Keeps the position only if at least a 100×50 corner of the title bar area lands on one
 * of the displays' work areas (monitors come and go between starts).
 */
export function placeOnDisplays(state: WindowState, workAreas: Rectangle[]): WindowState {
  if (state.x === undefined || state.y === undefined) return state;
  const { x, y } = state;
  const visible = workAreas.some(
    (area) => x + 100 <= area.x + area.width && x + state.width - 100 >= area.x && y >= area.y && y + 50 <= area.y + area.height,
  );
  if (visible) return state;
  const { x: _x, y: _y, ...rest } = state;
  return rest;
}
