// A loaded configuration cached in the git dir, keyed by the content of the files it came from: loading
// through cosmiconfig or @commitlint/load costs 20–100 ms per hook run, a cache hit about 1 ms. The key is
// the files' content itself (config files are small): hashing would load node's crypto, ~10 ms a hook.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { replaceFile } from '../files/replace.js';

const readOrNull = (path: string) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
};

/** size:mtime of a file, or null when it does not exist. */
export function stamp(path: string): string | null {
  try {
    const s = statSync(path);
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return null;
  }
}

/** Bumped whenever the shape of a cached value changes. */
const FORMAT = 4;

/** A key made of the content of `files` and the stamps of `stamped` (all relative to `root`). */
export function cacheKey(root: string, version: string, files: string[], stamped: string[] = []): string {
  return JSON.stringify([
    FORMAT,
    version,
    ...files.map((name) => [name, readOrNull(join(root, name))]),
    ...stamped.map((name) => [name, stamp(join(root, name))]),
  ]);
}

// RegExps (commitlint's header patterns) survive the JSON round trip; functions cannot, so they are not cached.
const encode = (_: string, value: unknown) => {
  if (typeof value === 'function') throw new Error('not serialisable');
  return value instanceof RegExp ? { $regexp: value.source, flags: value.flags } : value;
};
const decode = (_: string, value: any) =>
  value && typeof value.$regexp === 'string' ? new RegExp(value.$regexp, value.flags) : value;

/** `load()`'s result, from `<commonDir>/trunk-init/<name>.json` when `key` matches; null key: never cached. */
export async function cached<T>(
  commonDir: string,
  name: string,
  key: string | null,
  load: () => Promise<T>,
): Promise<T> {
  const file = join(commonDir, 'trunk-init', `${name}.json`);
  if (key) {
    try {
      const entry = JSON.parse(readFileSync(file, 'utf8'), decode);
      if (entry.key === key && entry.value !== undefined) return entry.value;
    } catch {
      // Missing or corrupt: a miss.
    }
  }
  const value = await load();
  if (key) {
    try {
      replaceFile(file, JSON.stringify({ key, value }, encode));
    } catch {
      // Functions in the value, or a read-only git dir: no cache, same result.
    }
  }
  return value;
}
