// The trunk policy, cached by the content of its config files (cache.ts): cosmiconfig (search.ts) costs a
// hook ~25 ms and is loaded only on a miss. A config in code may import anything: never cached.
import { join } from 'node:path';
import { cached, cacheKey, stamp } from './cache.js';
import { CONFIG_FILES, type LoadedPolicy } from './files.js';

/** Loads and validates the policy from the first config file found in `root`. */
export async function loadPolicy(root: string, commonDir: string, version: string): Promise<LoadedPolicy> {
  const code = CONFIG_FILES.some((name) => /\.m?js$/.test(name) && stamp(join(root, name)) !== null);
  const key = code ? null : cacheKey(root, version, CONFIG_FILES);
  return cached(commonDir, 'policy', key, async () => (await import('./search.js')).searchPolicy(root));
}
