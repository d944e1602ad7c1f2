// The shared read → plan → render → write steps of `trunk release`, `trunk notes` and the post-merge hook.
import { readAnalysis, type ReleaseFacts } from '../adapters/git/release-facts.js';
import { withReleaseLock } from '../adapters/git/lock.js';
import type { LoadedPolicy } from '../adapters/config/files.js';
import { settleReleaseFiles, writeRelease, type ReleaseWrite } from '../adapters/git/release.js';
import { originUrl, tagNames, type Repo } from '../adapters/git/repo.js';
import { writes } from '../adapters/files/plan.js';
import { cutsCandidates } from '../core/environments/model.js';
import { specOf } from '../core/environments/resolve.js';
import { configuredTool } from '../core/gitops/registry.js';
import { latestSection, withSection } from '../core/notes/changelog.js';
import type { Policy } from '../core/policy/policy.js';
import type { Bump } from '../core/versioning/bump.js';
import { lastCandidate, lastRelease, planRelease } from '../core/versioning/plan.js';
import { higherElsewhere } from '../core/versioning/tag-style.js';
import { errors } from '../errors.js';
import { notesFor } from '../flows/notes.js';

export interface ReleaseRequest {
  prereleaseId?: string;
  releaseAs?: string;
  /** SOURCE_DATE_EPOCH, for reproducible notes. */
  epoch?: string;
}

export interface PreparedRelease {
  facts: ReleaseFacts;
  previousTag: string | null;
  commits: number;
  bump: Bump | null;
  /** null when nothing is releasable. */
  next: NextRelease | null;
  /** Said before the release: tags of the other spelling above it. */
  warnings: string[];
}

export interface NextRelease {
  version: string;
  tag: string;
  notes: string;
}

/** Decides the next release from the facts and the commits since the last release, with its notes; writes nothing. */
export async function prepareRelease(repo: Repo, policy: Policy, facts: ReleaseFacts, request: ReleaseRequest): Promise<PreparedRelease> {
  // With a candidate environment, releases are candidates; `trunk env promote` makes them stable.
  const prereleaseId = request.prereleaseId ?? (cutsCandidates(policy.environments) ? policy.gitops.prerelease : undefined);
  const last = lastRelease(facts.reachableTags, policy.tagPrefix);
  if (facts.shallow && last.tag === null)
    throw errors.shallow(`reaches no ${policy.tagPrefix}X.Y.Z release tag`);
  const analysis = await readAnalysis(repo, last.tag, 'HEAD', policy);
  const plan = planRelease(last, analysis.bump, facts.allTags, {
    tagPrefix: policy.tagPrefix,
    initialVersion: policy.release.initialVersion,
    zeroMajor: policy.release.zeroMajor,
    prereleaseId,
    releaseAs: request.releaseAs,
  });
  if (plan.kind === 'invalid') throw errors.badReleaseAs(plan.reason);
  if (plan.kind === 'below') throw errors.belowRelease(plan.tag, plan.above, plan.instead);
  const base = { facts, previousTag: last.tag, commits: analysis.commits, bump: analysis.bump, warnings: [] };
  if (plan.kind === 'nothing') return { ...base, next: null };
  // The bump counts from the last stable release; a new candidate also needs something releasable since the last one.
  const candidate = prereleaseId ? lastCandidate(facts.reachableTags, policy.tagPrefix, last) : null;
  if (candidate && !request.releaseAs) {
    const since = await readAnalysis(repo, candidate, 'HEAD', policy);
    if (since.bump === null) return { ...base, previousTag: candidate, commits: since.commits, next: null };
  }
  const notes = await notesFor(analysis.noteworthy, { version: plan.version, tag: plan.tag, previousTag: last.tag }, { originUrl: facts.originUrl, epoch: request.epoch });
  const other = higherElsewhere(facts.allTags, policy.tagPrefix, plan.version);
  const warnings = other
    ? [`tag ${other.tag} names a higher version than ${plan.tag}, the next release, but is not spelled "${policy.tagPrefix}X.Y.Z" (setting "tagPrefix"); if your releases are tagged like ${other.tag}, set "tagPrefix": "${other.prefix}" in your trunk config`]
    : [];
  return { ...base, warnings, next: { version: plan.version, tag: plan.tag, notes } };
}

/** The `--json` shape: exactly these keys keep their meaning; flags may add others. */
export function releaseJson(prepared: PreparedRelease) {
  return {
    version: prepared.next?.version ?? null,
    tag: prepared.next?.tag ?? null,
    previousTag: prepared.previousTag,
    bump: prepared.next ? prepared.bump : null,
    commits: prepared.commits,
    notes: prepared.next?.notes ?? '',
  };
}

/** Release tags are signed when release.sign or git's own tag.gpgSign says so. */
async function signs(repo: Repo, policy: Policy): Promise<boolean> {
  return policy.release.sign || (await repo.git(['config', '--bool', '--get', 'tag.gpgSign'])).trim() === 'true';
}

const pushTo = (trunk: string | null, push: boolean) => (push ? { remote: 'origin', trunk } : null);

/** The pointer manifests a release rewrites (the `previous` environments move to the release before `tag`), and what moved. */
async function rewrittenPointers(repo: Repo, policy: Policy, configFile: string | null, tag: string): Promise<{ files: ReleaseWrite['files']; moves: string[] }> {
  const tool = configuredTool(policy.gitops);
  if (!tool || !policy.environments.some((e) => e.track.kind === 'previous')) return { files: [], moves: [] };
  const { manifestsFor, planManifests } = await import('../flows/manifests.js');
  // The rewrite is computed from the work tree, which must then be what is committed: nothing else gets mixed in.
  const paths = [configFile ?? 'trunk.config.json', `${policy.gitops.output}/${tool.id}`];
  if ((await repo.git(['--no-optional-locks', 'status', '--porcelain', '--', ...paths])).trim())
    throw errors.pointersDirty(paths);
  const tags = [...(await tagNames(repo)), tag];
  const files = writes(planManifests(repo.root, await manifestsFor(repo, policy, configFile, tool, tags))).map((c) => ({ file: c.path, content: () => c.content }));
  const moves = policy.environments.flatMap((env, i) => {
    const spec = env.track.kind === 'previous' && !env.pin ? specOf(policy.environments, i, policy.trunk, tags, tool) : null;
    return spec?.kind === 'exact' ? [`${env.name} now runs ${spec.value}`] : [];
  });
  return { files, moves: files.length ? moves : [] };
}

/** writeRelease, with its failure said as undone (or not fully undone). */
async function write(repo: Repo, env: NodeJS.ProcessEnv, release: ReleaseWrite): Promise<void> {
  try {
    await writeRelease(repo, env, release);
  } catch (err) {
    throw errors.releaseFailed(err);
  }
}

/**
 * Writes the release all or nothing (changelog, pointer rewrite, release commit, tag, optional atomic push), one at
 * a time; returns a note on the pointers it rewrote, if any.
 */
export async function cutRelease(repo: Repo, loaded: LoadedPolicy, prepared: PreparedRelease & { next: NextRelease }, push: boolean, env: NodeJS.ProcessEnv): Promise<string> {
  const { policy } = loaded;
  const { next } = prepared;
  const file = policy.changelog.file;
  const sign = await signs(repo, policy);
  return withReleaseLock(repo, async () => {
    // Another release may have landed between reading and locking: its tag or changelog must not be clobbered.
    if ((await repo.git(['rev-parse', 'HEAD'])).trim() !== prepared.facts.head) throw errors.headMoved();
    const pointers = await rewrittenPointers(repo, policy, loaded.file, next.tag);
    // The changelog is read by writeRelease, once it has checked the file is no link to somewhere else.
    const files = [...(file ? [{ file, content: (existing: string | null) => withSection(existing, next.notes) }] : []), ...pointers.files];
    await write(repo, env, { tag: next.tag, notes: next.notes, files, sign, push: pushTo(policy.trunk, push) });
    return pointers.moves.map((move) => `; ${move}`).join('');
  });
}

/**
 * Tags `target` (default HEAD) without a release commit, all or nothing, under the release lock. `push` sends the
 * tag, with `pushTrunk` when that branch must go along (an interrupted release's commit).
 */
export async function tagRelease(
  repo: Repo,
  policy: Policy,
  release: { tag: string; notes: string; target?: string },
  push: boolean,
  env: NodeJS.ProcessEnv,
  pushTrunk: string | null = null,
): Promise<void> {
  const sign = await signs(repo, policy);
  await withReleaseLock(repo, () => write(repo, env, { ...release, files: [], sign, push: pushTo(pushTrunk, push) }));
}

/**
 * Completes a release interrupted between its commit and its tag (a crash, a killed CI job): brings the release's
 * files into the work tree and index, then tags HEAD with the section the release commit added to the changelog.
 * Returns the release files left alone because they were changed since.
 */
export async function completeInterrupted(repo: Repo, policy: Policy, tag: string, push: boolean, env: NodeJS.ProcessEnv): Promise<string[]> {
  // The tag may exist upstream and simply not be fetched: then it is fetched, never re-created differently.
  if ((await originUrl(repo)) && (await repo.git(['ls-remote', '--tags', 'origin', `refs/tags/${tag}`])).trim())
    throw errors.tagOnlyUpstream(tag);
  const file = policy.changelog.file;
  const changelog = file ? await repo.git(['show', `HEAD:${file}`]).catch(() => '') : '';
  const leftAlone = await withReleaseLock(repo, () => settleReleaseFiles(repo));
  await tagRelease(repo, policy, { tag, notes: latestSection(changelog) ?? `${tag}\n` }, push, env, policy.trunk);
  return leftAlone;
}
