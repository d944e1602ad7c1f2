// Finds and validates the trunk config at the repository root (cosmiconfig, module name "trunk").
import { relative } from 'node:path';
import { cosmiconfig } from 'cosmiconfig';
import type { Policy } from '../../core/policy/policy.js';
import { errors } from '../../errors.js';
import { validatePolicy } from './schema.js';

export const CONFIG_FILES = ['package.json', '.trunkrc', '.trunkrc.json', 'trunk.config.json', 'trunk.config.js', 'trunk.config.mjs'];

export interface LoadedPolicy {
  policy: Policy;
  /** The config file, relative to the root; null when none exists and the defaults apply. */
  file: string | null;
}

/** Loads the policy from the first config file found in `root` (no parent directories, no home). */
export async function loadPolicy(root: string): Promise<LoadedPolicy> {
  const explorer = cosmiconfig('trunk', { searchPlaces: CONFIG_FILES, searchStrategy: 'none', cache: false });
  let found;
  try {
    found = await explorer.search(root);
  } catch (err) {
    const file = (err as { filepath?: string }).filepath;
    throw errors.unreadableConfig(file ? relative(root, file) : 'the trunk config', err);
  }
  const file = found ? relative(root, found.filepath) : null;
  const result = validatePolicy(found?.config, file ?? 'defaults');
  if ('problems' in result) throw errors.badConfig(file ?? 'trunk config', result.problems);
  return { policy: result.policy, file };
}
