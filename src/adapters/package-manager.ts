// The repository's package manager (from its lockfile) and running its install.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { errors } from '../errors.js';

export type PackageManager = 'npm' | 'pnpm' | 'yarn';

export const LOCKFILES: Record<PackageManager, string> = {
  pnpm: 'pnpm-lock.yaml',
  yarn: 'yarn.lock',
  npm: 'package-lock.json',
};

/** npm, pnpm or yarn, from the lockfile in `root` (npm when there is none). */
export function detectPackageManager(root: string): PackageManager {
  if (existsSync(join(root, LOCKFILES.pnpm))) return 'pnpm';
  if (existsSync(join(root, LOCKFILES.yarn))) return 'yarn';
  return 'npm';
}

/** Runs `<pm> install` in `root`, its output on our stderr. */
export function runInstall(root: string, pm: PackageManager): void {
  const command = `${pm} install`;
  const result = spawnSync(pm, ['install'], {
    cwd: root,
    stdio: ['ignore', 2, 2],
    shell: process.platform === 'win32',
  });
  if (result.error || result.status !== 0)
    throw errors.installFailed(command, result.error ?? new Error(`exit code ${result.status}`));
}
