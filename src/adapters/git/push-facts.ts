// Reads the facts the pre-push policy decides on: what each pushed ref does, and the new commits.
import { matchBranch } from '../../core/policy/branch-pattern.js';
import type { Policy } from '../../core/policy/policy.js';
import type { PushedRef, TrunkCommit } from '../../core/policy/pre-push.js';
import { releaseTagOf } from '../../core/commits/release-commit.js';
import { isReleaseLooking } from '../../core/versioning/tag.js';
import { trunkRefs } from './commit-facts.js';
import { LOG_FORMAT, parseLog, type CommitMessage } from './log.js';
import { lines, type Repo } from './repo.js';

export const ZERO = '0000000000000000000000000000000000000000';

/** One line git sends a pre-push hook on stdin. */
export interface RefUpdate {
  localRef: string;
  localSha: string;
  remoteRef: string;
  remoteSha: string;
}

/** Parses the `<local ref> <local sha> <remote ref> <remote sha>` lines of a pre-push hook's stdin. */
export function parseRefUpdates(stdin: string): RefUpdate[] {
  return lines(stdin).map((line) => {
    const [localRef, localSha, remoteRef, remoteSha] = line.trim().split(' ');
    return { localRef, localSha, remoteRef, remoteSha };
  });
}

/** Parses the `<old sha> <new sha> <ref>` lines of a pre-receive hook's stdin (the server's view of a push). */
export function parseReceiveUpdates(stdin: string): RefUpdate[] {
  return lines(stdin).map((line) => {
    const [remoteSha, localSha, ref] = line.trim().split(' ');
    return { localRef: ref, localSha, remoteRef: ref, remoteSha };
  });
}

const shortBranch = (ref: string) => ref.replace(/^refs\/heads\//, '').replace(/^refs\/remotes\/[^/]+\//, '');

const isBranchUpdate = (policy: Policy, u: RefUpdate) => {
  const name = u.remoteRef.slice('refs/heads/'.length);
  return u.remoteRef.startsWith('refs/heads/') && u.localSha !== ZERO && name !== policy.trunk && matchBranch(name, policy.branches);
};

async function readTrunkCommits(repo: Repo, policy: Policy, update: RefUpdate, updates: RefUpdate[], has: string[]): Promise<TrunkCommit[]> {
  const not = ['--not', '--ignore-missing', ...has, ...(update.remoteSha !== ZERO ? [update.remoteSha] : [])];
  const [log, refs] = await Promise.all([
    repo.git(['log', '--first-parent', LOG_FORMAT, update.localSha, ...not]),
    repo.git(['for-each-ref', '--format=%(refname)', 'refs/heads', 'refs/remotes']),
  ]);
  // Branch tips that count as "a feature branch": existing ones, and those pushed alongside.
  const branchTips = [
    ...lines(refs).filter((ref) => shortBranch(ref) !== policy.trunk && matchBranch(shortBranch(ref), policy.branches)),
    ...updates.filter((u) => isBranchUpdate(policy, u)).map((u) => u.localSha),
  ];
  const fromBranches = new Set(branchTips.length ? lines(await repo.git(['rev-list', ...branchTips, ...not])) : []);
  return Promise.all(
    parseLog(log).map(async ({ sha, parents, message }) => {
      const tag = releaseTagOf(message);
      // The tag it names points at it: pushed alongside (the server sees it before it exists), or already there.
      const tagObject = updates.find((u) => u.remoteRef === `refs/tags/${tag}` && u.localSha !== ZERO)?.localSha ?? `refs/tags/${tag}`;
      const tagged = tag !== null && (await repo.git(['rev-parse', '--verify', '-q', `${tagObject}^{commit}`])).trim() === sha;
      return { sha, subject: message.split('\n', 1)[0], parents: parents.length, release: tagged, fromBranch: fromBranches.has(sha) };
    }),
  );
}

async function readTag(repo: Repo, policy: Policy, update: RefUpdate, trunkTips: string[]): Promise<PushedRef> {
  const name = update.remoteRef.slice('refs/tags/'.length);
  const deleted = update.localSha === ZERO;
  const moved = !deleted && update.remoteSha !== ZERO && update.remoteSha !== update.localSha;
  const base = { kind: 'tag' as const, name, deleted, moved, sha: update.localSha };
  if (deleted || moved || !isReleaseLooking(name, policy.tagPrefix)) return { ...base, target: 'commit', onTrunk: true };
  // Peeled to what it finally points at: `^{commit}` would be an error (not a quiet "no") for a tree or blob.
  const [commit, type] = (await repo.git(['cat-file', '--batch-check=%(objectname) %(objecttype)'], { input: `${update.localSha}^{}\n` })).trim().split(' ');
  if (type !== 'commit') return { ...base, target: 'other', onTrunk: false };
  // Nothing reachable from the commit is missing from the trunk exactly when the commit is on it.
  const outside = trunkTips.length ? (await repo.git(['rev-list', '--count', commit, '--not', ...trunkTips])).trim() : '';
  return { ...base, target: 'commit', onTrunk: outside === '0' };
}

/**
 * Facts about a push: what each ref update does, and every new commit whose message must be linted. `has` are
 * rev-list arguments for what the receiving side already has: `--remotes=origin` in a client's pre-push hook,
 * `--all` (the refs before the push) in the server's pre-receive hook.
 */
export async function readPushFacts(repo: Repo, policy: Policy, updates: RefUpdate[], has: string[]): Promise<{ refs: PushedRef[]; commits: CommitMessage[] }> {
  const pushedTrunk = updates.filter((u) => u.remoteRef === `refs/heads/${policy.trunk}` && u.localSha !== ZERO).map((u) => u.localSha);
  const trunkTips = [...(await trunkRefs(repo, policy.trunk)), ...pushedTrunk];
  const refs = await Promise.all(
    updates
      .filter((u) => u.remoteRef.startsWith('refs/heads/') || u.remoteRef.startsWith('refs/tags/'))
      .map(async (u): Promise<PushedRef> => {
        if (u.remoteRef.startsWith('refs/tags/')) return readTag(repo, policy, u, trunkTips);
        const name = u.remoteRef.slice('refs/heads/'.length);
        const deleted = u.localSha === ZERO;
        const trunkCommits = !deleted && name === policy.trunk ? await readTrunkCommits(repo, policy, u, updates, has) : [];
        return { kind: 'branch', name, deleted, trunkCommits };
      }),
  );
  const heads = updates.filter((u) => u.remoteRef.startsWith('refs/heads/') && u.localSha !== ZERO);
  if (heads.length === 0) return { refs, commits: [] };
  const remoteShas = updates.map((u) => u.remoteSha).filter((sha) => sha !== ZERO);
  const log = await repo.git(['log', LOG_FORMAT, ...heads.map((u) => u.localSha), '--not', '--ignore-missing', ...has, ...remoteShas]);
  return { refs, commits: parseLog(log).map(({ sha, message }) => ({ sha, message })) };
}
