// What git is in the middle of, and which branch HEAD is on, read from files in the git dir (no git calls).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GitState } from '../../core/policy/pre-commit.js';

/** The operation in progress in this work tree's git dir. */
export function gitState(gitDir: string): GitState {
  const has = (name: string) => existsSync(join(gitDir, name));
  if (has('MERGE_HEAD')) return 'merge';
  if (has('rebase-merge') || has('rebase-apply')) return 'rebase';
  if (has('CHERRY_PICK_HEAD')) return 'cherry-pick';
  if (has('REVERT_HEAD')) return 'revert';
  return 'normal';
}

/** The branch HEAD points at (even before its first commit), or null when HEAD is detached. */
export function currentBranch(gitDir: string): string | null {
  const head = readFileSync(join(gitDir, 'HEAD'), 'utf8').trim();
  return head.startsWith('ref: refs/heads/') ? head.slice('ref: refs/heads/'.length) : null;
}
