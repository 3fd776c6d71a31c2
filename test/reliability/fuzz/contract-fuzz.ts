/**
 * Fuzzes every invoke channel of the contract over one transport of a running lab
 * (test/src-main/api/harness.ts: the IPC stand-in or the real web server): requests
 * generated from each channel's schema, mutations of them, random JSON and unknown
 * channel names. Every answer must be a well-formed ApiResult within the time bound;
 * errors must be typed (never `internal`, which means a handler crashed or broke the
 * contract) with a clear one-line message; Object.prototype must stay clean; whatever a
 * request started (runs, imports) is stopped again.
 */

import { apiErrorCodes, type ApiResult } from '../../../src-shared/api/result';
import { invokeContract } from '../../../src-shared/api/contract';
import { invokeNames } from '../../../src-shared/api/channels';
import { Rng } from '../../../src-shared/random';
import type { Harness } from '../../src-main/api/harness';
import { instance, mutate, randomJson, requestSchema, type PayloadContext } from './payloads';

export interface ContractFuzzStats {
  transport: string;
  tried: number;
  /** answers by outcome: ok, or the error code */
  outcomes: Record<string, number>;
  perChannel: Record<string, number>;
  slowestMs: number;
  slowest: string;
  failures: string[];
}

export interface ContractFuzzOptions {
  casesPerChannel: number;
  seed: number;
  paths: string[];
  ids: number[];
  words: string[];
  caseTimeoutMs?: number;
}

const validCodes = new Set<string>(apiErrorCodes);

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout;
  return Promise.race([promise, new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)))]).finally(() => clearTimeout(timer));
}

function canClone(value: unknown): boolean {
  try {
    structuredClone(value);
    return true;
  } catch {
    return false;
  }
}

function canEncode(channel: string): boolean {
  try {
    encodeURIComponent(channel);
    return true;
  } catch {
    return false;
  }
}

function describe(payload: unknown): string {
  const text = JSON.stringify(payload) ?? String(payload);
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}

export async function fuzzContract(h: Harness, options: ContractFuzzOptions): Promise<ContractFuzzStats> {
  const rng = new Rng(options.seed);
  const bound = options.caseTimeoutMs ?? 20_000;
  const ctx: PayloadContext = { rng, paths: options.paths, ids: options.ids, words: options.words };
  const stats: ContractFuzzStats = { transport: h.kind, tried: 0, outcomes: {}, perChannel: {}, slowestMs: 0, slowest: '', failures: [] };

  async function one(channel: string, payload: unknown, how: string): Promise<void> {
    const jobId = (payload as { jobId?: unknown } | null)?.jobId;
    const started = performance.now();
    // What Electron's serialiser cannot copy, or a channel name no URL can carry (a lone surrogate), never leaves the
    // renderer (its invoke throws there); main's router must still cope with it.
    const sendable = h.kind === 'ipc' ? canClone(payload) : canEncode(channel);
    const answer = sendable ? h.invokeRaw(channel, payload) : h.lab.router.invoke(channel, payload, { transport: 'ipc' });
    // imports run until done: stop them soon, as a user would, so one case stays short
    const stopper = typeof jobId === 'string' && (channel === 'importSample' || channel === 'importFolder')
      ? setTimeout(() => void h.invokeRaw('cancelImport', { jobId }), 30)
      : null;
    const result = await withTimeout(answer.catch((error: unknown) => ({ thrown: error })), bound);
    if (stopper) clearTimeout(stopper);
    const ms = performance.now() - started;
    stats.tried++;
    stats.perChannel[channel] = (stats.perChannel[channel] ?? 0) + 1;
    if (ms > stats.slowestMs) {
      stats.slowestMs = ms;
      stats.slowest = `${channel} (${how})`;
    }
    const fail = (why: string): void => {
      stats.failures.push(`${h.kind} ${channel} [${how}] ${describe(payload)}: ${why}`);
    };
    if (result === 'timeout') return fail(`no answer within ${bound} ms`);
    if ('thrown' in result) return fail(`the transport threw ${(result.thrown as Error)?.message}`);
    const r = result as ApiResult<unknown>;
    if (r.ok === true) {
      stats.outcomes.ok = (stats.outcomes.ok ?? 0) + 1;
      await stopWhatStarted(channel, r.value);
      return;
    }
    if (r.ok !== false || !r.error || typeof r.error !== 'object') return fail(`not an ApiResult: ${describe(r)}`);
    const { code, message } = r.error;
    stats.outcomes[code] = (stats.outcomes[code] ?? 0) + 1;
    if (!validCodes.has(code)) return fail(`unknown error code ${code}`);
    if (code === 'internal') return fail(`internal error: ${message}`);
    if (typeof message !== 'string' || message.trim() === '' || message.length > 2000 || /\n\s+at /.test(message)) return fail(`unclear message ${JSON.stringify(message)}`);
  }

  /** Runs a fuzzed request started are cancelled; there is no need to watch them train. */
  async function stopWhatStarted(channel: string, value: unknown): Promise<void> {
    const ids: number[] = [];
    if (channel === 'startRun' || channel === 'resumeRun') ids.push((value as { id: number }).id);
    if (channel === 'startTwins') ids.push(...(value as { runs: { id: number }[] }).runs.map((r) => r.id));
    for (const id of ids) await h.invokeRaw('cancelRun', { id });
  }

  for (const channel of invokeNames) {
    const schema = requestSchema(invokeContract[channel].request);
    for (let i = 0; i < options.casesPerChannel; i++) {
      const valid = instance(schema, ctx);
      if (i % 4 === 0) await one(channel, valid, 'generated');
      else {
        const { payload, how } = mutate(valid, ctx);
        await one(channel, payload, how);
      }
    }
  }
  // channels that do not exist, and requests that are not even objects
  for (let i = 0; i < options.casesPerChannel; i++) {
    const name = rng.int(2) === 0 ? randomJson(rng, 1) : `${invokeNames[rng.int(invokeNames.length)]}${['', 'X', '/../getAppInfo', '\u0000', ' '][rng.int(5)]}`;
    await one(typeof name === 'string' ? name : JSON.stringify(name), randomJson(rng, 2), 'unknown channel');
  }

  await h.lab.training.whenIdle();
  const probe = {} as Record<string, unknown>;
  if (probe.polluted !== undefined || (Object.prototype as Record<string, unknown>).polluted !== undefined) stats.failures.push(`${h.kind}: Object.prototype was polluted`);
  return stats;
}
