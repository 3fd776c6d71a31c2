import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Tests, and the CLI processes they spawn, must never touch the user's own database,
 * settings or import cache: every default location points into a throwaway folder,
 * removed when the run ends. Test workers and their children inherit the environment.
 */
export default function setup(): () => void {
  const home = mkdtempSync(join(tmpdir(), 'neural-lab-test-home-'));
  process.env.NEURAL_LAB_DB = join(home, 'lab.db');
  process.env.XDG_CONFIG_HOME = join(home, 'config');
  process.env.XDG_CACHE_HOME = join(home, 'cache');
  process.env.XDG_DATA_HOME = join(home, 'data');
  return () => rmSync(home, { recursive: true, force: true });
}
