/**
 * Keys whose spelling changed when the lab took one spelling, American (issue 12). Model
 * files (native JSON, ONNX metadata) and form drafts that users already have still carry the
 * old keys, so readers of those files pass what they read through `withRenamedKeys`; writers
 * write only the new keys. The database's own copies were renamed by migration 8.
 */
const RENAMED_KEYS: ReadonlyMap<string, string> = new Map([
  ['normalisation', 'normalization'], // spelling: keep
]);

/**
 * `value` with the old keys of its top level under their new names (an object that has
 * both keeps the new one). Anything that is not a plain object is returned as it is.
 */
export function withRenamedKeys(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  if (![...RENAMED_KEYS.keys()].some((old) => Object.hasOwn(record, old))) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(record)) {
    const renamed = RENAMED_KEYS.get(key);
    if (renamed === undefined) out[key] = v;
    else if (!Object.hasOwn(record, renamed)) out[renamed] = v;
  }
  return out;
}
