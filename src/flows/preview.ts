// What merging a pull request would do (`trunk check --summary`): the release `trunk release` would cut once the forge
// has merged it, and where each environment would go. Computed as if merged, not from the head alone: the merge commit
// the forge would make (its message as the forge writes it) is written as objects only (adapters/git/merge-preview.ts)
// and the release is decided at it exactly as `trunk release` decides it after the merge, so the commits are those
// from the base's last release to the base's tip, the pull request's own and the merge itself. The policy is the
// base's, read by the caller: the head is data.
import type { LoadedPolicy } from '../adapters/config/files.js';
import { readPairs } from '../adapters/git/env-facts.js';
import { writeMergeCommit, type MergeCommit } from '../adapters/git/merge-preview.js';
import type { Repo } from '../adapters/git/repo.js';
import { afterRelease, previewMoves, type EnvMove, type Wait } from '../core/environments/preview.js';
import { resolveEnvironments } from '../core/environments/resolve.js';
import { readEnvState } from './env-state.js';
import { nextRelease, type DecidedRelease } from './release.js';

export interface MergeRequest {
  /** The commits, resolved. */
  base: string;
  head: string;
  /** The merge commit's message, as the forge would write it. */
  message: string;
  /** SOURCE_DATE_EPOCH, for reproducible notes. */
  epoch?: string;
}

export interface MergePreview {
  merge: MergeCommit;
  release: DecidedRelease;
  environments: EnvMove[];
  /** What waits between neighbours at the base. */
  waits: Wait[];
}

export async function previewMerge(repo: Repo, loaded: LoadedPolicy, request: MergeRequest): Promise<MergePreview> {
  const { policy } = loaded;
  const merge = await writeMergeCommit(repo, request.base, request.head, request.message);
  const [release, before, merged] = await Promise.all([
    nextRelease(repo, loaded, request.epoch, merge.sha),
    readEnvState(repo, policy, request.base),
    readEnvState(repo, policy, merge.sha),
  ]);
  const next = release.next;
  // The environments that follow tags move once the release is cut, which CI does right after the merge.
  const after = next
    ? resolveEnvironments(policy.environments, afterRelease(merged.facts, next), merged.tool)
    : merged.refs;
  const pairs = await readPairs(repo, before.refs, policy.tagPrefix, []);
  return {
    merge,
    release,
    environments: previewMoves(before.refs, after, next, policy.trunk),
    waits: pairs.map((p) => ({ from: p.from, to: p.to, commits: p.waiting.length, versions: p.tags.length })),
  };
}
