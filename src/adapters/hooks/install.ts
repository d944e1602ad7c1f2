// Installs husky's hooks path (by calling husky's own installer) and reads what is installed.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import husky from 'husky';
import { errors } from '../../errors.js';
import type { Repo } from '../git/repo.js';

/** The hooks trunk-init installs, as shims in .husky/. */
export const HOOKS = ['pre-commit', 'commit-msg', 'pre-push', 'post-merge'] as const;
export const HUSKY_DIR = '.husky';
export const HOOKS_PATH = '.husky/_';
/** The line by which trunk-init (and `trunk doctor`) recognise their own shims. */
export const FINGERPRINT = '# trunk-init shim';

/** core.hooksPath as set locally, or null. */
export async function readHooksPath(repo: Repo): Promise<string | null> {
  return (await repo.git(['config', '--get', 'core.hooksPath'])).trim() || null;
}

/** Whether husky's hooks path is already installed in `root`. */
export function huskyInstalled(root: string, hooksPath: string | null): boolean {
  return hooksPath === HOOKS_PATH && existsSync(join(root, HOOKS_PATH, 'h'));
}

/** Refuses a core.hooksPath that another tool set: trunk-init reports it and never clobbers it. */
export function assertHooksPathFree(current: string | null): void {
  if (current && current !== HOOKS_PATH) throw errors.hooksPathTaken(current);
}

/** Points core.hooksPath at .husky/_ with husky's own installer. */
export async function installHusky(repo: Repo): Promise<void> {
  const current = await readHooksPath(repo);
  assertHooksPathFree(current);
  if (huskyInstalled(repo.root, current)) return;
  // husky works on process.cwd(), so it runs from the repository root.
  const previous = process.cwd();
  process.chdir(repo.root);
  try {
    const message = husky(HUSKY_DIR);
    if (message) throw errors.gitFailed('config core.hooksPath (husky)', new Error(message));
  } finally {
    process.chdir(previous);
  }
}
