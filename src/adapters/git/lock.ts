// One release at a time per repository: a lock file in the git dir holding the owner's pid. Two `trunk release`
// runs (or two post-merge hooks) cannot both tag; a lock left by a crashed run is detected and taken over.
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { errors } from '../../errors.js';
import type { Repo } from './repo.js';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

interface Owner {
  pid?: number;
  host?: string;
  since?: string;
}

const readOwner = (path: string): Owner => {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return {}; // gone meanwhile, or corrupt: nobody holds it
  }
};

/** Runs `work` holding `<common git dir>/trunk-init/release.lock`. */
export async function withReleaseLock<T>(repo: Repo, work: () => Promise<T>): Promise<T> {
  const dir = join(repo.commonDir, 'trunk-init');
  const path = join(dir, 'release.lock');
  mkdirSync(dir, { recursive: true });
  // The lock is written in full under a private name, then linked into place: link fails when a lock exists, so
  // nobody ever reads a half-written lock and takes it for a stale one.
  const mine = `${path}.${process.pid}`;
  writeFileSync(mine, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(mine, path);
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const owner = readOwner(path);
        if (attempt > 0 || (owner.pid && (owner.host !== hostname() || alive(owner.pid))))
          throw errors.releaseLocked(owner, path);
        rmSync(path, { force: true }); // its owner is gone: a stale lock left by a crash
      }
    }
  } finally {
    rmSync(mine, { force: true });
  }
  try {
    return await work();
  } finally {
    rmSync(path, { force: true });
  }
}
