// What merging a pull request does to each environment (`trunk check --summary`): what it runs at the base, and what
// it runs once the merge is on the trunk and the release the merge calls for is cut. An environment that follows the
// trunk moves on the merge; one that follows the latest release or candidate (or the release before it) moves when
// that release is cut, if its range takes it; a pinned or promoted one stays until someone moves it.
import { rangeOf } from './model.js';
import type { EnvRef, RefFacts } from './resolve.js';

/** What an environment runs: the ref its GitOps tool checks out, and the version that is. */
export interface Runs {
  ref: string;
  version: string | null;
}

export interface EnvMove {
  name: string;
  /** null: it runs nothing yet. */
  now: Runs | null;
  /** After the merge and its release; the same as `now` when it stays. */
  after: Runs | null;
  /** It moves on the merge (it follows the trunk), when the release is cut, or not at all (`stays` says why). */
  when: 'merge' | 'release' | null;
  stays: string | null;
}

/** What waits between two neighbours at the base: commits and versions (release-looking tags) the upstream runs. */
export interface Wait {
  from: string;
  to: string;
  commits: number;
  versions: number;
}

/**
 * The refs once `release` is cut on the trunk's tip: its tag is there (standing on the tip, where the release commit
 * will be) and the trunk runs that version.
 */
export const afterRelease = (facts: RefFacts, release: { tag: string; version: string }): RefFacts => ({
  ...facts,
  trunkVersion: release.version,
  tags: [...facts.tags, { name: release.tag, sha: facts.trunkSha ?? '', date: facts.trunkDate, onTrunk: true }],
});

const runs = (ref: EnvRef, trunk: string): Runs | null =>
  ref.kind === 'unresolved' ? null : { ref: ref.kind === 'tag' ? ref.tag : trunk, version: ref.version };

const same = (a: Runs | null, b: Runs | null) => a?.ref === b?.ref && a?.version === b?.version;

/** Why environments[i] does not move with the merge and its release. */
function staysBecause(before: readonly EnvRef[], after: EnvRef, i: number, release: { tag: string } | null): string {
  const { env } = before[i];
  const track = env.track;
  if (env.pin) return `pinned to ${env.pin}`;
  if (!release) return 'nothing to release';
  if (track.kind === 'promoted' || (track.kind === 'stable' && before[i - 1]?.env.track.kind === 'candidate'))
    return `until promoted: trunk env promote ${env.name}`;
  if (track.kind === 'stable' || track.kind === 'candidate')
    return `its range "${rangeOf(track)}" does not take ${release.tag}`;
  return after.kind === 'unresolved' ? after.reason : 'nothing new for it';
}

/** Each environment before (`before`, at the base) and after (`after`, once merged and released) the merge. */
export function previewMoves(
  before: readonly EnvRef[],
  after: readonly EnvRef[],
  release: { tag: string } | null,
  trunk: string,
): EnvMove[] {
  return before.map((now, i) => {
    const then = after[i];
    const [was, will] = [runs(now, trunk), runs(then, trunk)];
    const when = then.kind === 'branch' ? 'merge' : same(was, will) ? null : 'release';
    return {
      name: now.env.name,
      now: was,
      after: will,
      when,
      stays: when ? null : staysBecause(before, then, i, release),
    };
  });
}

/** How a table or a diagram names what an environment runs: `v1.4.0`, `main (1.4.0+3)`, `nothing yet`. */
export const describeRuns = (runs: Runs | null): string =>
  !runs ? 'nothing yet' : runs.version && !runs.ref.endsWith(runs.version) ? `${runs.ref} (${runs.version})` : runs.ref;
