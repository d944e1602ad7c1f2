// Reads the facts the pre-commit policy decides on, asking git a small, fixed number of questions.
import type { CommitFacts, Lineage } from '../../core/policy/pre-commit.js';
import type { Policy } from '../../core/policy/policy.js';
import { matchBranch } from '../../core/policy/branch-pattern.js';
import { errors } from '../../errors.js';
import { lines, type Repo } from './repo.js';
import { currentBranch, gitState } from './state.js';

const DAY = 86_400;

/** The trunk's local ref and its remote-tracking copies (refs/remotes/<remote>/<trunk>) that exist. */
export async function trunkRefs(repo: Repo, trunk: string, extra: string[] = []): Promise<string[]> {
  return lines(
    await repo.git(['for-each-ref', '--format=%(refname)', `refs/heads/${trunk}`, `refs/remotes/*/${trunk}`, ...extra]),
  );
}

/** refs/remotes/<remote>/<branch>: the branch's own copy on a remote, not another branch. */
function isRemoteCopy(ref: string, branch: string): boolean {
  const rest = ref.startsWith('refs/remotes/') ? ref.slice('refs/remotes/'.length) : '';
  return rest.endsWith(`/${branch}`) && !rest.slice(0, -branch.length - 1).includes('/');
}

/** refs/heads/<branch> or one of its copies on remotes. */
const isBranch = (ref: string, branch: string) => ref === `refs/heads/${branch}` || isRemoteCopy(ref, branch);

/** How `head` (the tip of `branch`) relates to `trunk`, whose tips are `trunkTips`. */
export async function readLineage(
  repo: Repo,
  head: string,
  branch: string,
  trunk: string,
  trunkTips: string[],
): Promise<Lineage> {
  const [base, tips, log] = await Promise.all([
    repo.git(['merge-base', head, trunk]),
    repo.git([
      'for-each-ref',
      '--format=%(refname:short)%00%(refname)%00%(symref)',
      `--merged=${head}`,
      ...trunkTips.map((t) => `--no-merged=${t}`),
      'refs/heads',
      'refs/remotes',
    ]),
    repo.git(['log', '--left-right', '--format=%m%ct', `${trunk}...${head}`]),
  ]);
  const stackedOn = lines(tips)
    .map((line) => line.split('\0'))
    .filter(([, full, symref]) => !symref && !isBranch(full, branch))
    .map(([name]) => name);
  let behind = 0;
  let oldest: number | null = null;
  for (const line of lines(log)) {
    if (line[0] === '<') behind++;
    else oldest = Math.min(oldest ?? Infinity, Number(line.slice(1)));
  }
  return {
    offTrunk: base.trim() !== '',
    stackedOn,
    ageDays: oldest === null ? null : (Date.now() / 1000 - oldest) / DAY,
    behind,
  };
}

/**
 * The lineage of HEAD (on `branch`) from one `git log` of `trunk...HEAD`, the common case of a commit: '<' lines
 * are the trunk's commits HEAD lacks, '>' lines HEAD's own, '-' lines the boundary (there is one unless the two
 * histories are unrelated or equal). Each '>' commit names the branches at it, a superset of what HEAD is stacked
 * on. null when git cannot answer (no trunk, no first commit) or some other branch is there: readLineage decides.
 */
function quickLineage(repo: Repo, branch: string, trunk: string): Lineage | null {
  let log: string;
  try {
    log = repo.gitNow([
      'log',
      '--left-right',
      '--boundary',
      '--decorate=full',
      '--decorate-refs=refs/heads/',
      '--decorate-refs=refs/remotes/',
      '--format=%m%ct%x00%D',
      `refs/heads/${trunk}...HEAD`,
    ]);
  } catch {
    return null;
  }
  let behind = 0;
  let oldest: number | null = null;
  let boundary = false;
  const records = lines(log);
  for (const record of records) {
    const mark = record[0];
    const [time, refs] = record.slice(1).split('\0');
    if (mark === '<') behind++;
    else if (mark === '-') boundary = true;
    else {
      oldest = Math.min(oldest ?? Infinity, Number(time));
      // The branch itself, its copies on remotes, the trunk's copies (each merged into itself) and a remote's HEAD
      // (a symbolic name: the branch it names is listed at its commit too) are never what HEAD is stacked on, so a
      // branch cut from a fetched origin/main, ahead of the local main, stays on this path.
      const at = refs ? refs.replace(/^HEAD -> /, '').split(', ') : [];
      if (at.some((ref) => !isBranch(ref, branch) && !isBranch(ref, trunk) && !isRemoteCopy(ref, 'HEAD'))) return null;
    }
  }
  return {
    offTrunk: boundary || records.length === 0,
    stackedOn: [],
    ageDays: oldest === null ? null : (Date.now() / 1000 - oldest) / DAY,
    behind,
  };
}

/** Facts for the pre-commit check: one git process for a commit on a feature branch, more only where it must. */
export async function readCommitFacts(repo: Repo, policy: Policy): Promise<CommitFacts> {
  const branch = currentBranch(repo.gitDir);
  const state = gitState(repo.gitDir);
  if (branch === null) return { branch, state, hasHead: true, lineage: null };
  if (branch !== policy.trunk && matchBranch(branch, policy.branches)) {
    const lineage = quickLineage(repo, branch, policy.trunk);
    if (lineage) return { branch, state, hasHead: true, lineage };
  }
  const refs = await trunkRefs(repo, policy.trunk, branch === policy.trunk ? [] : [`refs/heads/${branch}`]);
  const hasHead = refs.includes(`refs/heads/${branch}`);
  const facts: CommitFacts = { branch, state, hasHead, lineage: null };
  if (!hasHead || branch === policy.trunk || !matchBranch(branch, policy.branches)) return facts;
  const trunkTips = refs.filter((ref) => ref !== `refs/heads/${branch}`);
  if (!trunkTips.includes(`refs/heads/${policy.trunk}`)) throw errors.noTrunk(policy.trunk);
  return { ...facts, lineage: await readLineage(repo, 'HEAD', branch, policy.trunk, trunkTips) };
}
