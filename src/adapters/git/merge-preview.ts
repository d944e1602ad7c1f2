// The merge commit a forge would make of a pull request, written into the object store and nowhere else: `git
// merge-tree --write-tree` (git 2.38) merges the two trees without a work tree or an index, and `git commit-tree`
// makes the commit with the forge's message. No ref names them, so gc prunes them in time; the work tree, the index
// and HEAD are never touched. Nothing of the pull request runs: a merge driver or filter would have to be configured
// in git's own config, which the repository cannot set.
import { lines, type Repo } from './repo.js';

export interface MergeCommit {
  sha: string;
  /** The trees conflict: the forge cannot merge it until that is resolved (the commit holds the conflict markers). */
  conflicts: boolean;
}

/** The merge of `head` into `base` with `message`, as a commit object. */
export async function writeMergeCommit(repo: Repo, base: string, head: string, message: string): Promise<MergeCommit> {
  // Exit 1 with conflicts; the first line is the merged tree all the same, conflicted files follow it.
  const [tree, ...conflicted] = lines(
    await repo.git(['merge-tree', '--write-tree', '--no-messages', '--allow-unrelated-histories', base, head]),
  );
  const sha = await repo.git(
    [
      ...['-c', 'user.name=trunk-init', '-c', 'user.email=trunk-init@localhost'],
      ...['commit-tree', '--no-gpg-sign', tree, '-p', base, '-p', head, '-F', '-'],
    ],
    { input: message },
  );
  return { sha: sha.trim(), conflicts: conflicted.length > 0 };
}
