// Where the trunk config may live, and what loading it yields: shared by the cached loader and the search behind it.
import type { Policy } from '../../core/policy/policy.js';

export const CONFIG_FILES = [
  'package.json',
  '.trunkrc',
  '.trunkrc.json',
  'trunk.config.json',
  'trunk.config.js',
  'trunk.config.mjs',
];

export interface LoadedPolicy {
  policy: Policy;
  /** The config file, relative to the root; null when none exists and the defaults apply. */
  file: string | null;
  /** What the file itself says, before defaults (where each value comes from). */
  raw: unknown;
}
