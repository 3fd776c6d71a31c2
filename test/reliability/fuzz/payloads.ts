/**
 * Payloads for fuzzing the API contract: instances generated from each channel's own
 * request schema (via zod's JSON Schema), so every channel, including ones added later,
 * gets well-formed requests that reach its handler, and mutations of them that should
 * not: wrong types, missing and extra keys, boundary and non-finite numbers, hostile and
 * huge strings, prototype-pollution keys, deep nesting, and plain random JSON.
 *
 * File paths are never left to chance: a key that names a path or folder gets one of the
 * `paths` given (inside the test's own temp folder, plus traversal attempts the contract
 * must refuse), so a fuzzed export can never write anywhere else on the machine.
 */

import { z } from 'zod';
import { Rng } from '../../../src-shared/random';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = Record<string, unknown> & {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  enum?: Json[];
  const?: Json;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  default?: Json;
};

export function requestSchema(schema: z.ZodType): Schema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Schema;
}

/** Strings that have hurt programs before. */
export const hostileStrings = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '../../../../etc/passwd',
  '..\\..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '<script>alert(1)</script>',
  '"; DROP TABLE runs; --',
  "' OR '1'='1",
  '${process.exit(1)}',
  '$(rm -rf ~)',
  '`touch /tmp/pwned`',
  '| cat /etc/passwd',
  '\u202eexe.txt',
  '🧪'.repeat(100),
  'CON',
  '__proto__',
  'constructor',
  '\r\n\r\nHTTP/1.1 200 OK',
  'x'.repeat(5000),
  '\ud800',
];

export const hostileNumbers = [0, -0, -1, 1, 0.5, -1e-300, 1e308, -1e308, 2 ** 31, 2 ** 32, 2 ** 53, 2 ** 53 + 2, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER];

/** Key names that carry file paths: their values come from the caller's list, never from the random generator. */
const PATH_KEY = /(^|[a-z])(path|paths|folder|file|files|dir|directory|source|destination)$/i;

export interface PayloadContext {
  rng: Rng;
  /** absolute paths a fuzzed request may name: all inside the test's temp folder (and traversal attempts from there) */
  paths: string[];
  /** ids that exist, so some requests reach real rows */
  ids: number[];
  /** strings that are known good values for some fields (job ids, model ids) */
  words: string[];
}

/** A value the schema accepts (refinements aside), with random choices. */
export function instance(schema: Schema, ctx: PayloadContext, key = '', depth = 0): Json {
  const { rng } = ctx;
  if (PATH_KEY.test(key)) return pathValue(schema, ctx);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[rng.int(schema.enum.length)];
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return instance(union[rng.int(union.length)], ctx, key, depth);
  if (schema.allOf?.length) return instance(schema.allOf[0], ctx, key, depth);
  if (schema.default !== undefined && rng.int(4) === 0) return undefined as unknown as Json; // leave it to the default
  const type = Array.isArray(schema.type) ? schema.type[rng.int(schema.type.length)] : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, Json> = {};
      const required = new Set(schema.required ?? []);
      for (const [name, sub] of Object.entries(schema.properties ?? {})) {
        if (!required.has(name) && rng.int(2) === 0) continue;
        const value = instance(sub, ctx, name, depth + 1);
        if (value !== undefined) out[name] = value;
      }
      return out;
    }
    case 'array': {
      const min = schema.minItems ?? 0;
      const max = Math.min(schema.maxItems ?? min + 4, min + 4);
      const length = min + rng.int(max - min + 1);
      return Array.from({ length }, () => instance(schema.items ?? {}, ctx, key, depth + 1));
    }
    case 'integer':
    case 'number': {
      const lo = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1e-9 : -1000);
      const hi = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1e-9 : 1000);
      if (/id$/i.test(key) && ctx.ids.length > 0 && rng.int(2) === 0) return ctx.ids[rng.int(ctx.ids.length)];
      // mostly small values: a random "epochs" of 10⁹ would only test patience
      const top = Math.min(hi, lo + (rng.int(4) === 0 ? 1e6 : 20));
      const value = lo + rng.uniform() * (top - lo);
      return type === 'integer' ? Math.min(hi, Math.max(lo, Math.round(value))) : value;
    }
    case 'boolean':
      return rng.int(2) === 0;
    case 'null':
      return null;
    case 'string': {
      if (ctx.words.length > 0 && rng.int(3) === 0) return ctx.words[rng.int(ctx.words.length)];
      const min = schema.minLength ?? 0;
      const max = Math.min(schema.maxLength ?? 24, min + 24);
      const length = min + rng.int(max - min + 1);
      const alphabet = schema.pattern ? 'abcdefghijklmnopqrstuvwxyz0123456789_-' : 'abc XYZ éß中🙂_-.,:;!?';
      return Array.from({ length }, () => [...alphabet][rng.int([...alphabet].length)]).join('');
    }
    default:
      return randomJson(rng, 2);
  }
}

function pathValue(schema: Schema, ctx: PayloadContext): Json {
  const type = schema.type ?? (schema.anyOf ?? schema.oneOf)?.map((s) => s.type).find((t) => t !== 'null');
  const pick = () => ctx.paths[ctx.rng.int(ctx.paths.length)];
  if (type === 'array' || (Array.isArray(type) && type.includes('array'))) return Array.from({ length: 1 + ctx.rng.int(3) }, pick);
  if (type === 'object' && schema.properties) return instance({ ...schema }, ctx, 'notapath');
  return pick();
}

/** Plain random JSON of bounded depth. */
export function randomJson(rng: Rng, depth: number): Json {
  switch (rng.int(depth > 0 ? 7 : 5)) {
    case 0: return null;
    case 1: return rng.int(2) === 0;
    case 2: return hostileNumbers[rng.int(hostileNumbers.length)];
    case 3: return hostileStrings[rng.int(hostileStrings.length)];
    case 4: return rng.int(1000) - 500;
    case 5: return Array.from({ length: rng.int(4) }, () => randomJson(rng, depth - 1));
    default: {
      const out: Record<string, Json> = {};
      for (let i = rng.int(4); i > 0; i--) out[hostileStrings[rng.int(hostileStrings.length)].slice(0, 20) || 'k'] = randomJson(rng, depth - 1);
      return out;
    }
  }
}

/** One of many ways to break a well-formed request. */
export function mutate(value: Json, ctx: PayloadContext): { payload: unknown; how: string } {
  const { rng } = ctx;
  const copy = structuredClone(value) as Json;
  const spots = leaves(copy);
  const spot = spots[rng.int(spots.length)];
  const set = (v: unknown) => {
    if (spot && spot.parent !== null) (spot.parent as Record<string, unknown>)[spot.key] = v;
  };
  switch (rng.int(14)) {
    case 0: return { payload: randomJson(rng, 3), how: 'random JSON' };
    case 1: set(hostileStrings[rng.int(hostileStrings.length)]); return { payload: copy, how: `${spot?.path}: hostile string` };
    case 2: set(hostileNumbers[rng.int(hostileNumbers.length)]); return { payload: copy, how: `${spot?.path}: boundary number` };
    case 3: set(randomJson(rng, 1)); return { payload: copy, how: `${spot?.path}: wrong type` };
    case 4:
      if (spot && spot.parent !== null) delete (spot.parent as Record<string, unknown>)[spot.key];
      return { payload: copy, how: `${spot?.path}: removed` };
    case 5:
      if (copy && typeof copy === 'object' && !Array.isArray(copy)) copy[`extra${rng.int(9)}`] = randomJson(rng, 1);
      return { payload: copy, how: 'extra key' };
    case 6: return { payload: JSON.parse(`{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}, "x": ${JSON.stringify(copy)}}`), how: 'prototype pollution keys' };
    case 7: {
      if (copy && typeof copy === 'object' && !Array.isArray(copy)) Object.assign(copy, JSON.parse('{"__proto__": {"polluted": "yes"}}'));
      return { payload: copy, how: '__proto__ beside the real keys' };
    }
    case 8: {
      let deep: Json = copy;
      for (let i = 0; i < 2000; i++) deep = { a: deep };
      return { payload: deep, how: 'nested 2000 deep' };
    }
    case 9: set('y'.repeat(200_000)); return { payload: copy, how: `${spot?.path}: 200 kB string` };
    case 10: set(Array.from({ length: 10_000 }, (_, i) => i)); return { payload: copy, how: `${spot?.path}: 10,000-element array` };
    case 11: return { payload: rng.int(2) === 0 ? null : [copy], how: rng.int(2) === 0 ? 'null request' : 'request in an array' };
    case 12: set(spot && typeof spot.value === 'number' ? -spot.value - 1 : ''); return { payload: copy, how: `${spot?.path}: negated or emptied` };
    default: set(ctx.paths[rng.int(ctx.paths.length)]); return { payload: copy, how: `${spot?.path}: a path` };
  }
}

interface Leaf { parent: Json | null; key: string; path: string; value: Json }

function leaves(value: Json, parent: Json | null = null, key = '', path = 'request'): Leaf[] {
  const here: Leaf = { parent, key, path, value };
  if (value && typeof value === 'object') {
    const children = Array.isArray(value)
      ? value.flatMap((v, i) => leaves(v, value, String(i), `${path}[${i}]`))
      : Object.entries(value).flatMap(([k, v]) => leaves(v, value, k, `${path}.${k}`));
    return parent === null ? children.length > 0 ? children : [here] : [here, ...children];
  }
  return [here];
}
