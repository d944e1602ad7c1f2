// The release flow of `trunk release`, `trunk notes` and the post-merge hook: the facts are read once, the next
// release is decided from them (core/versioning/plan.ts) with its notes, and cutting it plans the whole write
// (core/versioning/release-write.ts) and applies it all or nothing (adapters/git/release.ts). Everything returned
// is data; the commands word it.
import type { LoadedPolicy } from '../adapters/config/files.js';
import { writes } from '../adapters/files/plan.js';
import {
  readAnalysis,
  readInterrupted,
  readRange,
  readReleaseFacts,
  reachedReleases,
  tagCommits,
  type ReachedReleases,
  type ReleaseFacts,
} from '../adapters/git/release-facts.js';
import { settleReleaseFiles, writeRelease } from '../adapters/git/release.js';
import type { Env, Repo } from '../adapters/git/repo.js';
import { cutsCandidates } from '../core/environments/model.js';
import { configuredTool } from '../core/gitops/registry.js';
import type { GitopsTool } from '../core/gitops/tool.js';
import type { Policy } from '../core/policy/policy.js';
import type { Analysis } from '../core/versioning/analysis.js';
import type { Bump } from '../core/versioning/bump.js';
import { decidingTags, planRelease } from '../core/versioning/plan.js';
import { planReleaseWrite, planTagWrite, type PointerMove } from '../core/versioning/release-write.js';
import { higherElsewhere } from '../core/versioning/tag-style.js';
import type { EnvGates } from '../core/environments/gates.js';
import { withRecord } from '../core/environments/override.js';
import { errors } from '../errors.js';
import { overrideLines, releaseGates, type OverrideRequest } from './gates.js';
import { loadRenderer, notesFor } from './notes.js';

export interface ReleaseRequest {
  /** The release will be cut if there is one: read the state of the files its pointer rewrite changes too. */
  write: boolean;
  prereleaseId?: string;
  releaseAs?: string;
  /** SOURCE_DATE_EPOCH, for reproducible notes. */
  epoch?: string;
  /** The commit to decide at, HEAD unless given (`trunk check --summary`: a merge no ref names). */
  at?: string;
}

export interface NextRelease {
  version: string;
  tag: string;
  notes: string;
}

export interface DecidedRelease {
  kind: 'decided';
  facts: ReleaseFacts;
  previousTag: string | null;
  commits: number;
  bump: Bump | null;
  /** null when nothing is releasable. */
  next: NextRelease | null;
  /** Said before the release: tags of the other spelling above it. */
  warnings: string[];
  /** The freeze windows of the environments the release moves (none when nothing is releasable). */
  gates: EnvGates[];
}

/** HEAD is a release commit whose tag does not exist: a release interrupted before its tag. */
export interface InterruptedRelease {
  kind: 'interrupted';
  facts: ReleaseFacts;
  tag: string;
  /** The freeze windows of the environments its tag moves. */
  gates: EnvGates[];
}

/** HEAD is a release already: a release commit (whose tag may not be fetched: `interrupted`) or tagged as one. */
export interface HeadReleased {
  kind: 'released';
  facts: ReleaseFacts;
  interrupted: string | null;
}

/** What a cut release did: where the `previous` environments now point, and whether it was pushed. */
export interface CutRelease {
  tag: string;
  moves: PointerMove[];
  pushed: boolean;
}

/** The pointer rewrite a release makes, if any: the paths it must find committed (the config, the tool's manifests). */
function pointerPaths(loaded: LoadedPolicy): string[] {
  const { policy } = loaded;
  const tool = configuredTool(policy.gitops);
  if (!tool || !policy.environments.some((e) => e.track.kind === 'previous')) return [];
  return [loaded.file ?? 'trunk.config.json', `${policy.gitops.output}/${tool.id}`];
}

/** The commits since the highest release tag, read before the facts say which release HEAD reaches. */
interface EarlyAnalysis {
  /** The last release `head` reaches, and the candidate above it. */
  releases(head: string): Promise<ReachedReleases>;
  /** The analysis since `tag`: the early one when that is its range. */
  since(tag: string | null, head: string): Promise<Analysis>;
  stop(): void;
}

/**
 * The highest release tag is the last release HEAD reaches whenever releases are cut on the trunk, so the range
 * since it is read at once, beside the facts, with its boundary: the log then also says whether HEAD reaches that
 * tag and the prereleases above it, which spares `git tag --merged` its walk of the whole history
 * (reachedReleases). When it is not the last release, decide() reads the right range and this one is stopped.
 */
function analyseEarly(
  repo: Repo,
  policy: Policy,
  at: string,
  tags: Promise<Map<string, string | null>>,
): EarlyAnalysis {
  const controller = new AbortController();
  const started = tags.then(
    (commits) => {
      const { top, above } = decidingTags([...commits.keys()], policy.tagPrefix);
      const watch = new Set<string>();
      for (const tag of [top.tag, ...above]) if (tag !== null && commits.get(tag)) watch.add(commits.get(tag)!);
      const read = readRange(repo, top.tag, at, policy, { signal: controller.signal, watch });
      read.catch(() => {}); // a failure is the range's read's to report, if it is the range decide() needs
      // git runs now: the notes' renderer loads while it walks the range (a failure is notesFor's to report).
      loadRenderer().catch(() => {});
      return { commits, tag: top.tag, read };
    },
    () => null,
  );
  return {
    async releases(head) {
      const early = await started;
      const printed = early && (await early.read.then((r) => r.printed).catch(() => null));
      return reachedReleases(repo, head, early?.commits ?? (await tags), policy.tagPrefix, printed);
    },
    async since(tag, head) {
      const early = await started;
      return early && early.tag === tag ? (await early.read).analysis : readAnalysis(repo, tag, head, policy);
    },
    stop: () => controller.abort(),
  };
}

/**
 * Reads the facts a release is decided on, once (with the state of the pointer rewrite's files when it may be cut),
 * beside the early analysis (both from one listing of the tags), and hands both to `then`; the early analysis never
 * outlives it.
 */
async function withFacts<T>(
  repo: Repo,
  loaded: LoadedPolicy,
  request: ReleaseRequest,
  then: (facts: ReleaseFacts, early: EarlyAnalysis) => Promise<T>,
): Promise<T> {
  const tags = tagCommits(repo);
  const early = analyseEarly(repo, loaded.policy, request.at ?? 'HEAD', tags);
  const pointers = request.write ? pointerPaths(loaded) : [];
  const names = tags.then((commits) => [...commits.keys()]);
  try {
    return await then(await readReleaseFacts(repo, loaded.policy, pointers, request.at, names), early);
  } finally {
    early.stop();
  }
}

/** `trunk release`: refused off the trunk; when writing, a release commit without its tag is completed, not released again. */
export async function decideRelease(
  repo: Repo,
  loaded: LoadedPolicy,
  request: ReleaseRequest,
): Promise<InterruptedRelease | DecidedRelease> {
  const { policy } = loaded;
  return withFacts(repo, loaded, request, async (facts, early) => {
    if (facts.branch !== policy.trunk) throw errors.notOnTrunk(facts.branch, policy.trunk);
    if (request.write && facts.interrupted)
      return {
        kind: 'interrupted',
        facts,
        tag: facts.interrupted,
        gates: releaseGates(policy, facts.allTags, facts.interrupted),
      };
    return decide(repo, policy, facts, request, early);
  });
}

/** The post-merge hook: nothing is decided where HEAD is a release already (after a pull, most likely made upstream). */
export async function decideMergeRelease(
  repo: Repo,
  loaded: LoadedPolicy,
  request: ReleaseRequest,
): Promise<HeadReleased | DecidedRelease> {
  return withFacts(repo, loaded, request, async (facts, early) => {
    if (facts.headReleased) return { kind: 'released', facts, interrupted: facts.interrupted };
    return decide(repo, loaded.policy, facts, request, early);
  });
}

/**
 * `trunk notes`: what the next release would be, on any branch; at `at` instead of HEAD, what `trunk release` would
 * cut there (`trunk check --summary`: at the merge a pull request would make).
 */
export async function nextRelease(
  repo: Repo,
  loaded: LoadedPolicy,
  epoch?: string,
  at?: string,
): Promise<DecidedRelease> {
  const request = { write: false, epoch, at };
  return withFacts(repo, loaded, request, (facts, early) => decide(repo, loaded.policy, facts, request, early));
}

/** The next release from the facts and the commits since the last release. */
async function decide(
  repo: Repo,
  policy: Policy,
  facts: ReleaseFacts,
  request: ReleaseRequest,
  early: EarlyAnalysis,
): Promise<DecidedRelease> {
  // With a candidate environment, releases are candidates; `trunk env promote` makes them stable.
  const prereleaseId =
    request.prereleaseId ?? (cutsCandidates(policy.environments) ? policy.gitops.prerelease : undefined);
  const reached = await early.releases(facts.head);
  const { last } = reached;
  if (facts.shallow && last.tag === null) throw errors.shallow(`reaches no ${policy.tagPrefix}X.Y.Z release tag`);
  const analysis = await early.since(last.tag, facts.head);
  const plan = planRelease(last, analysis.bump, facts.allTags, {
    tagPrefix: policy.tagPrefix,
    initialVersion: policy.release.initialVersion,
    zeroMajor: policy.release.zeroMajor,
    prereleaseId,
    releaseAs: request.releaseAs,
  });
  if (plan.kind === 'invalid') throw errors.badReleaseAs(plan.reason);
  if (plan.kind === 'below') throw errors.belowRelease(plan.tag, plan.above, plan.instead);
  const base = {
    kind: 'decided' as const,
    facts,
    previousTag: last.tag,
    commits: analysis.commits,
    bump: analysis.bump,
    warnings: [],
    gates: [],
  };
  if (plan.kind === 'nothing') return { ...base, next: null };
  // The bump counts from the last stable release; a new candidate also needs something releasable since the last one.
  const candidate = prereleaseId ? reached.candidate : null;
  if (candidate && !request.releaseAs) {
    const since = await readAnalysis(repo, candidate, facts.head, policy);
    if (since.bump === null) return { ...base, previousTag: candidate, commits: since.commits, next: null };
  }
  const notes = await notesFor(
    analysis.noteworthy,
    { version: plan.version, tag: plan.tag, previousTag: last.tag },
    { originUrl: facts.originUrl, epoch: request.epoch },
  );
  const other = higherElsewhere(facts.allTags, policy.tagPrefix, plan.version);
  const warnings = other
    ? [
        `tag ${other.tag} names a higher version than ${plan.tag}, the next release, but is not spelled "${policy.tagPrefix}X.Y.Z" (setting "tagPrefix"); if your releases are tagged like ${other.tag}, set "tagPrefix": "${other.prefix}" in your trunk config`,
      ]
    : [];
  const gates = releaseGates(policy, facts.allTags, plan.tag);
  return { ...base, warnings, gates, next: { version: plan.version, tag: plan.tag, notes } };
}

/**
 * Cuts a decided release (decided with `write`): plans the whole write from the facts (changelog section, the
 * `previous` environments' pointer manifests, release commit, tag, optional atomic push) and applies it all or
 * nothing. With `override`, the tag's message records the gates it goes past.
 */
export async function cutRelease(
  repo: Repo,
  loaded: LoadedPolicy,
  decided: DecidedRelease & { next: NextRelease },
  push: boolean,
  env: Env,
  override: OverrideRequest | null,
): Promise<CutRelease> {
  const { policy } = loaded;
  const { facts, next } = decided;
  const paths = pointerPaths(loaded);
  // The rewrite is computed from the work tree, which must then be what is committed: nothing else gets mixed in.
  if (facts.pointersDirty) throw errors.pointersDirty(paths);
  const tool = configuredTool(policy.gitops);
  const tags = [...facts.allTags, next.tag];
  const pointers = paths.length && tool ? writes(await pointerPlan(repo, loaded, tool, tags, facts.originUrl)) : [];
  const { write, moves } = planReleaseWrite({
    head: facts.head,
    tag: next.tag,
    notes: next.notes,
    changelog: policy.changelog.file || null,
    pointers,
    environments: policy.environments,
    trunk: policy.trunk,
    tags,
    tool: tool ?? null,
    sign: policy.release.sign,
    push,
    record: await overrideLines(repo, decided.gates, override),
  });
  await writeRelease(repo, env, write);
  return { tag: next.tag, moves, pushed: push };
}

/** The pointer manifests once `tags` exist, as a file plan against the work tree (loaded only for a pointer rewrite). */
async function pointerPlan(repo: Repo, loaded: LoadedPolicy, tool: GitopsTool, tags: string[], origin: string | null) {
  const { manifestsFor, planManifests } = await import('./manifests.js');
  return planManifests(repo.root, await manifestsFor(repo, loaded.policy, loaded.file, tool, tags, 'HEAD', origin));
}

/**
 * Completes a release interrupted between its commit and its tag (a crash, a killed CI job): brings the release's
 * files into the work tree and index, then tags HEAD with the section the release commit added to the changelog
 * (and the record of the gates `override` goes past). Returns the release files left alone because they were
 * changed since.
 */
export async function completeRelease(
  repo: Repo,
  policy: Policy,
  { facts, tag, gates }: InterruptedRelease,
  push: boolean,
  env: Env,
  override: OverrideRequest | null,
): Promise<string[]> {
  const { onOrigin, section } = await readInterrupted(repo, policy, tag, facts.originUrl);
  // The tag may exist upstream and simply not be fetched: then it is fetched, never re-created differently.
  if (onOrigin) throw errors.tagOnlyUpstream(tag);
  const record = await overrideLines(repo, gates, override);
  const leftAlone = await settleReleaseFiles(repo);
  await writeRelease(
    repo,
    env,
    planTagWrite({ kind: 'completion' }, tag, withRecord(section ?? `${tag}\n`, record), {
      trunk: policy.trunk,
      sign: policy.release.sign,
      push,
    }),
  );
  return leftAlone;
}

/** The `--json` shape of a decided release (`trunk release`, `trunk notes`): exactly these keys keep their meaning; flags may add others. */
export function releaseJson(decided: DecidedRelease) {
  return {
    version: decided.next?.version ?? null,
    tag: decided.next?.tag ?? null,
    previousTag: decided.previousTag,
    bump: decided.next ? decided.bump : null,
    commits: decided.commits,
    notes: decided.next?.notes ?? '',
  };
}
