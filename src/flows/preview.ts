// What merging a pull request would do (`trunk check --summary`): the release `trunk release` would cut once the forge
// has merged it, and where each environment would go. Computed as if merged, not from the head alone: the merge commit
// the forge would make (its message as the forge writes it) is written as objects only (adapters/git/merge-preview.ts)
// and the release is decided at it exactly as `trunk release` decides it after the merge, so the commits are those
// from the base's last release to the base's tip, the pull request's own and the merge itself. The policy is the
// base's, read by the caller: the head is data.
import type { LoadedPolicy } from '../adapters/config/files.js';
import { readPairs } from '../adapters/git/env-facts.js';
import { writeMergeCommit, type MergeCommit } from '../adapters/git/merge-preview.js';
import type { Env, Repo } from '../adapters/git/repo.js';
import type { EnvGates } from '../core/environments/gates.js';
import { afterRelease, previewMoves, type EnvMove, type Wait } from '../core/environments/preview.js';
import { resolveEnvironments, type EnvRef } from '../core/environments/resolve.js';
import type { GitopsTool } from '../core/gitops/tool.js';
import type { Policy } from '../core/policy/policy.js';
import type { RenderedSection } from '../core/render/report.js';
import { TrunkError } from '../errors.js';
import { readEnvState } from './env-state.js';
import { closed, releaseGates } from './gates.js';
import { appsFor } from './manifests.js';
import { nextRelease, type DecidedRelease } from './release.js';
import { planRendering, renderRef, runRendering } from './render.js';

export interface MergeRequest {
  /** The commits, resolved. */
  base: string;
  head: string;
  /** The merge commit's message, as the forge would write it. */
  message: string;
  /** SOURCE_DATE_EPOCH, for reproducible notes. */
  epoch?: string;
  /** The environment the renderers run with (their PATH). */
  env: Env;
}

/** The rendered diff of the first environment the merge and its release move, or why it could not be rendered. */
export type MoveRendering =
  { kind: 'rendered'; env: string; sections: RenderedSection[] } | { kind: 'failed'; env: string; message: string };

export interface MergePreview {
  merge: MergeCommit;
  release: DecidedRelease;
  environments: EnvMove[];
  /** What waits between neighbours at the base. */
  waits: Wait[];
  /** null when no environment moves. */
  rendered: MoveRendering | null;
  /** The environments the release would move whose freeze window is closed now: the release job would refuse it. */
  frozen: EnvGates[];
}

/**
 * The first environment whose commit the merge and its release change, rendered at the commit it runs and at the one
 * it will run (the merge's tree), as `trunk env diff` renders it, with the base's policy choosing the renderer.
 */
async function renderFirstMove(
  repo: Repo,
  policy: Policy,
  tool: GitopsTool,
  before: readonly EnvRef[],
  after: readonly EnvRef[],
  merge: MergeCommit,
  runWith: Env,
): Promise<MoveRendering | null> {
  const i = after.findIndex(
    (then, i) => then.kind !== 'unresolved' && (before[i].kind === 'unresolved' || before[i].sha !== then.sha),
  );
  if (i === -1) return null;
  const [now, then] = [before[i], after[i] as EnvRef & { sha: string }];
  const env = then.env.name;
  if (merge.conflicts)
    return {
      kind: 'failed',
      env,
      message: 'the merge would conflict, and a tree with conflict markers is not rendered',
    };
  try {
    const apps = await appsFor(repo, policy, merge.sha);
    const plan = await planRendering(
      repo,
      policy,
      tool,
      apps,
      env,
      now.kind === 'unresolved' ? null : renderRef(now, policy.trunk),
      { sha: then.sha, label: then.kind === 'tag' ? then.tag : `${policy.trunk} with this merge` },
    );
    return { kind: 'rendered', env, sections: await runRendering(repo, plan, runWith) };
  } catch (err) {
    if (!(err instanceof TrunkError)) throw err;
    return { kind: 'failed', env, message: err.message };
  }
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
  const [pairs, rendered] = await Promise.all([
    readPairs(repo, before.refs, policy.tagPrefix, []),
    renderFirstMove(repo, policy, merged.tool, before.refs, after, merge, request.env),
  ]);
  return {
    merge,
    release,
    environments: previewMoves(before.refs, after, next, policy.trunk),
    waits: pairs.map((p) => ({ from: p.from, to: p.to, commits: p.waiting.length, versions: p.tags.length })),
    rendered,
    frozen: next ? closed(releaseGates(policy, merged.facts.tagNames, next.tag)) : [],
  };
}
