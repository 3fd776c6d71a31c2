/**
 * Issue 15, failures 2 and 4: runs another process trains (`lab train --db` on the app's
 * database) while the app's server is live.
 *
 * 2. Before: when that CLI was killed, the run stayed "running" in the live server, and
 *    pause, cancel and resume answered 409 until the server restarted. Now the server
 *    notices the dead owner within seconds, marks the run interrupted (saying which process
 *    ended) and it resumes.
 * 4. Before: deleting the CLI's running run succeeded and the CLI died with "FOREIGN KEY
 *    constraint failed". Now the app refuses, saying the run is trained elsewhere and what
 *    to do, and the CLI trains on.
 */

import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lab } from '../../src-main/api/lab';
import { repoRoot, startTestLab, tempFolder, type TempFolder } from './helpers';

let folder: TempFolder;
let lab: Lab;
let cli: ChildProcess | null = null;

const invoke = (channel: string, request: unknown) => lab.router.invoke(channel, request, { transport: 'web' });

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`no ${what} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function runStatus(id: number): Promise<{ status: string; error: string | null }> {
  const answer = await invoke('getRun', { id });
  if (!answer.ok) throw new Error(answer.error.message);
  return (answer.value as { run: { status: string; error: string | null } }).run;
}

beforeAll(async () => {
  folder = tempFolder('nl-owners-');
  lab = await startTestLab(folder.file('lab.db'));
}, 60_000);
afterAll(async () => {
  cli?.kill('SIGKILL');
  await lab?.close();
  folder.cleanup();
});

describe('a run trained by the lab command on the app\'s database', () => {
  let runId: number;
  beforeAll(async () => {
    cli = spawn(process.execPath, ['--import', 'tsx', 'src-main/cli/lab.ts', 'train', '--toy', 'spiral', '--samples', '3000', '--model', 'mlp:64',
      '--epochs', '10000', '--db', folder.file('lab.db')], { cwd: repoRoot, stdio: 'ignore' });
    runId = await until('CLI run training', 60_000, async () => {
      const answer = await invoke('listRuns', {});
      if (!answer.ok) return undefined;
      const running = (answer.value as { runs: { id: number; status: string }[] }).runs.find((r) => r.status === 'running');
      return running?.id;
    });
  }, 90_000);

  it('cannot be deleted from the app while that process trains it (failure 4)', async () => {
    const answer = await invoke('deleteRun', { id: runId });
    expect(answer.ok ? 'deleted' : answer.error.code).toBe('failed');
    if (!answer.ok) {
      expect(answer.error.message).toBe(`cannot delete run ${runId}: run ${runId} is training in another process (pid ${cli!.pid}, e.g. \`lab train --db\`) `
        + 'that this app cannot stop; stop it there (Ctrl+C) or wait for it to end, then delete');
    }
    const experiments = await invoke('listExperiments', {});
    if (experiments.ok) {
      for (const experiment of (experiments.value as { experiments: { id: number }[] }).experiments) {
        const whole = await invoke('deleteExperiment', { id: experiment.id });
        if (!whole.ok) expect(whole.error.message).toMatch(/is training in another process/);
      }
    }
    expect((await runStatus(runId)).status).toBe('running');
    expect(cli!.exitCode).toBeNull();
  });

  it('is marked interrupted within seconds of that process being killed, and resumes here (failure 2)', async () => {
    const exited = new Promise((resolve) => cli!.once('exit', resolve));
    cli!.kill('SIGKILL');
    await exited;
    const killedAt = Date.now();
    const run = await until('interrupted status', 10_000, async () => {
      const current = await runStatus(runId);
      return current.status === 'interrupted' ? current : undefined;
    });
    const seconds = (Date.now() - killedAt) / 1000;
    console.log(`dead owner noticed after ${seconds.toFixed(1)} s`);
    expect(seconds).toBeLessThan(5);
    expect(run.error).toBe(`the process training it (pid ${cli!.pid}) ended without finishing it; resume continues from its last checkpoint`);
    const resumed = await invoke('resumeRun', { id: runId });
    expect(resumed.ok ? 'resumed' : resumed.error.message).toBe('resumed');
    const cancelled = await invoke('cancelRun', { id: runId });
    expect(cancelled.ok ? 'cancelled' : cancelled.error.message).toBe('cancelled');
  }, 30_000);
});
