// The trunk policy, cached by the content of its config files (cache.ts): cosmiconfig (search.ts) costs a
// hook ~25 ms and is loaded only on a miss. A config in code may import anything: never cached.
import { join } from 'node:path';
import { compileGlobs, rememberGlobs } from '../../core/policy/branch-pattern.js';
import { cached, cacheKey, stamp } from './cache.js';
import { CONFIG_FILES, type LoadedPolicy } from './files.js';

/** Loads and validates the policy from the first config file found in `root`. Its globs come compiled from the
 * cache too: picomatch is then not loaded, ~3 ms of a pre-commit hook. */
export async function loadPolicy(root: string, commonDir: string, version: string): Promise<LoadedPolicy> {
  const code = CONFIG_FILES.some((name) => /\.m?js$/.test(name) && stamp(join(root, name)) !== null);
  const key = code ? null : cacheKey(root, version, CONFIG_FILES);
  const { loaded, globs } = await cached(commonDir, 'policy', key, async () => {
    const loaded = await (await import('./search.js')).searchPolicy(root);
    return { loaded, globs: compileGlobs([...loaded.policy.branches, ...loaded.policy.serverRefs]) };
  });
  rememberGlobs(globs);
  return loaded;
}
