// The hook managers whose config a repository has (the pre-commit framework, lefthook), and which of trunk's hooks
// each config runs: for trunk doctor, and for pre-push, which must know whether git's ref lines can reach it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ManagerCalls } from '../../core/hook-managers/hooks.js';
import { LEFTHOOK_CONFIGS, lefthookCalls } from '../../core/hook-managers/lefthook.js';
import { PRE_COMMIT_CONFIG, preCommitCalls } from '../../core/hook-managers/pre-commit.js';
import { TrunkError } from '../../errors.js';

/** What runs the git hooks: husky (trunk-init's default), the pre-commit framework or lefthook. */
export const MANAGERS = ['husky', 'pre-commit', 'lefthook'] as const;
export type HookManager = (typeof MANAGERS)[number];
export type ConfiguredManager = Exclude<HookManager, 'husky'>;

/** The config file of each hook manager the repository has one for (lefthook's: the first it would load). */
export function managerConfigs(root: string): { manager: ConfiguredManager; file: string }[] {
  const lefthook = LEFTHOOK_CONFIGS.find((file) => existsSync(join(root, file)));
  return [
    ...(existsSync(join(root, PRE_COMMIT_CONFIG)) ? [{ manager: 'pre-commit' as const, file: PRE_COMMIT_CONFIG }] : []),
    ...(lefthook ? [{ manager: 'lefthook' as const, file: lefthook }] : []),
  ];
}

export interface ManagerReport extends ManagerCalls {
  manager: ConfiguredManager;
  file: string;
  /** False when the file could not be read as YAML or JSON (a syntax error, TOML, JSONC): what it runs is unknown. */
  readable: boolean;
}

/** For each hook manager config in `root`: which of trunk's four hooks it runs, and what keeps each from checking everything. */
export function managerHooks(root: string): ManagerReport[] {
  return managerConfigs(root).map(({ manager, file }) => {
    const unknown = { manager, file, readable: false, calls: [], problems: [] };
    if (/\.(toml|jsonc)$/.test(file)) return unknown;
    try {
      const text = readFileSync(join(root, file), 'utf8');
      return {
        manager,
        file,
        readable: true,
        ...(manager === 'pre-commit' ? preCommitCalls(text, file) : lefthookCalls(text, file)),
      };
    } catch (err) {
      if (err instanceof TrunkError) return unknown;
      throw err;
    }
  });
}
