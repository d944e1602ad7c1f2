// Installs husky's hooks path (by calling husky's own installer), and reads the hooks git runs or no longer runs.
import { accessSync, constants, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import husky from 'husky';
import { errors } from '../../errors.js';
import type { Repo } from '../git/repo.js';

export const HUSKY_DIR = '.husky';
export const HOOKS_PATH = '.husky/_';
/** The hooks husky 9 dispatches from .husky/_ (its index.js); git finds no other hook there unless we add it. */
const HUSKY_HOOKS = [
  'pre-commit',
  'pre-merge-commit',
  'prepare-commit-msg',
  'commit-msg',
  'post-commit',
  'applypatch-msg',
  'pre-applypatch',
  'post-applypatch',
  'pre-rebase',
  'post-rewrite',
  'post-checkout',
  'post-merge',
  'pre-push',
  'pre-auto-gc',
];

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

export const executable = (path: string) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** A hook of the clone's own, in the common git dir's hooks/ (what git runs while core.hooksPath is unset). */
export interface OwnHook {
  name: string;
  /** Who wrote it, from its markers: the pre-commit framework, lefthook, git-lfs, husky 4, or by hand. */
  kind: string;
}

const KINDS: [RegExp, string][] = [
  [/pre-commit\.com|pre_commit/, 'the pre-commit framework'],
  [/lefthook/i, 'lefthook'],
  [/git[ -]lfs/, 'git-lfs'],
  [/husky/i, 'husky 4'],
];

/** The executable hooks in the clone's own hooks directory (samples aside), with who wrote them. */
export function ownHooks(repo: Repo): OwnHook[] {
  const dir = join(repo.commonDir, 'hooks');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => !name.endsWith('.sample') && /^[a-z0-9-]+$/.test(name) && executable(join(dir, name)))
    .sort()
    .map((name) => {
      const text = readFileSync(join(dir, name), 'latin1');
      return { name, kind: KINDS.find(([marker]) => marker.test(text))?.[1] ?? 'a hook of your own' };
    });
}

/** Whether git, with core.hooksPath at .husky/_, runs .husky/`hook` in this work tree. */
export const dispatched = (root: string, hook: string) => executable(join(root, HOOKS_PATH, hook));

/** Points core.hooksPath at .husky/_ with husky's own installer, and dispatches `extra` hooks husky does not know. */
export async function installHusky(repo: Repo, hooks: readonly string[]): Promise<string[]> {
  const current = await readHooksPath(repo);
  assertHooksPathFree(current);
  if (!huskyInstalled(repo.root, current)) {
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
  const extra = hooks.filter((hook) => !HUSKY_HOOKS.includes(hook));
  // As husky writes its own: .husky/_/h runs .husky/<hook>.
  for (const hook of extra)
    writeFileSync(join(repo.root, HOOKS_PATH, hook), '#!/usr/bin/env sh\n. "$(dirname "$0")/h"', { mode: 0o755 });
  return extra;
}
