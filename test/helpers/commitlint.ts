// The commitlint config of config-conventional, loaded the way the hooks load it, for pure tests.
import load from '@commitlint/load';
import type { CommitlintConfig } from '../../src/core/commits/lint.js';
import { PROJECT } from './repo.js';

export async function conventionalConfig(): Promise<CommitlintConfig> {
  const loaded = await load({ extends: ['@commitlint/config-conventional'] }, { cwd: PROJECT });
  return { rules: loaded.rules, parserOpts: (loaded.parserPreset as { parserOpts: object }).parserOpts };
}
