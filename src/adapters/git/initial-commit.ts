// The first commit of an empty repository, on the trunk: the one direct commit the policy allows.
import type { Repo } from './repo.js';

/** True before the repository's first commit. */
export async function isEmptyRepo(repo: Repo): Promise<boolean> {
  return (await repo.git(['rev-parse', '--verify', '-q', 'HEAD'])).trim() === '';
}

/** Commits exactly `paths` as the root commit on `trunk`; anything else the user staged stays staged. */
export async function createInitialCommit(repo: Repo, trunk: string, paths: string[], message: string): Promise<void> {
  await repo.git(['symbolic-ref', 'HEAD', `refs/heads/${trunk}`]);
  await repo.git(['add', '--', ...paths]);
  await repo.git(['commit', '-q', '-m', message, '--only', '--', ...paths]);
}
