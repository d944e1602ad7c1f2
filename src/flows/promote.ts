// The promotion flow of `trunk env promote <env>`: where every environment is (read once), the promotion planned
// from it (core/environments/promote.ts), and its one write. Fed by candidates, the environment gets the
// candidate's very commit tagged with the stable version, notes since the last stable release (the release
// writer, all or nothing); a `promoted` environment's tag moves in the config and the manifests (the file plan).
// The environment's promotion gates (soak, freeze) hold it unless overridden, and the override is recorded: in the
// tag's message, or in the commit that lands the config change.
import type { LoadedPolicy } from '../adapters/config/files.js';
import { writes } from '../adapters/files/plan.js';
import { readAnalysis, reachedReleases, tagCommits } from '../adapters/git/release-facts.js';
import { writeRelease } from '../adapters/git/release.js';
import { originUrl, type Env, type Repo } from '../adapters/git/repo.js';
import type { EnvGates } from '../core/environments/gates.js';
import { withRecord } from '../core/environments/override.js';
import { configuredTool } from '../core/gitops/registry.js';
import { planTagWrite } from '../core/versioning/release-write.js';
import { promotionOf, readEnvState } from './env-state.js';
import { overrideLines, promotionGates, type OverrideRequest } from './gates.js';
import { editEnvironments, manifestsFor, planManifests } from './manifests.js';
import { notesFor } from './notes.js';

export interface PromoteRequest {
  env: string;
  /** Decide and render, write nothing. */
  dryRun: boolean;
  /** Push the new tag to origin (a tag promotion). */
  push: boolean;
  /** SOURCE_DATE_EPOCH, for reproducible notes. */
  epoch?: string;
  /** `--force --reason`: promote past closed gates, recorded. */
  override: OverrideRequest | null;
}

/** What every promotion carries: its environment's gates, and the record of those it overrode (none: none closed). */
interface Gated {
  gates: EnvGates;
  record: string[];
}

export type PromotionResult =
  | { kind: 'refuse'; env: string; reason: string; fix: string }
  /** A promotion its closed gates hold (no override). */
  | { kind: 'held'; env: string; gates: EnvGates }
  /**
   * A `promoted` environment's tag moved to its upstream's `tag` in the config and the manifests (`files`; none on
   * a dry run); the record goes in the commit that lands them.
   */
  | (Gated & {
      kind: 'pin';
      env: string;
      from: string;
      tag: string;
      previousTag: string | null;
      sha: string;
      change: string;
      files: string[];
    })
  /**
   * `sha` (the upstream's candidate) tagged `tag`, with `notes` since `previousTag`; `follow`: the `previous`
   * environments' pointer manifests that must now follow the new release (a change to land; none on a dry run).
   */
  | (Gated & {
      kind: 'tag';
      env: string;
      from: string;
      tag: string;
      version: string;
      sha: string;
      candidate: string;
      previousTag: string | null;
      notes: string;
      pushed: boolean;
      follow: string[];
    });

/** Promotes environment `request.env` (which the config defines) from the one before it, or says why it cannot be. */
export async function promote(
  repo: Repo,
  loaded: LoadedPolicy,
  request: PromoteRequest,
  env: Env,
): Promise<PromotionResult> {
  const { policy } = loaded;
  const { dryRun } = request;
  const state = await readEnvState(repo, policy);
  const tags = state.facts.tagNames;
  const plan = promotionOf(state, policy, request.env);
  if (plan.kind === 'refuse') return { ...plan, env: request.env };
  const gates = promotionGates(state.refs, plan.env);
  if (!gates.report.open && !request.override) return { kind: 'held', env: plan.env, gates };
  const record = await overrideLines(repo, [gates], request.override);
  if (plan.kind === 'pin') {
    const i = policy.environments.findIndex((e) => e.name === plan.env);
    const environments = policy.environments.map((e, j) =>
      j === i ? { ...e, track: { kind: 'promoted' as const, tag: plan.tag } } : e,
    );
    const change = `promote ${plan.env} to ${plan.tag}`;
    const files = dryRun
      ? []
      : await editEnvironments(
          repo,
          loaded,
          [[['environments', i, 'track', 'tag'], plan.tag]],
          environments,
          change,
          tags,
        );
    return { ...plan, change, files, gates, record };
  }
  const [{ last }, origin] = await Promise.all([
    tagCommits(repo).then((commits) => reachedReleases(repo, plan.sha, commits, policy.tagPrefix)),
    originUrl(repo),
  ]);
  const analysis = await readAnalysis(repo, last.tag, plan.sha, policy);
  const notes = await notesFor(
    analysis.noteworthy,
    { version: plan.version, tag: plan.tag, previousTag: last.tag },
    { originUrl: origin, epoch: request.epoch },
  );
  const { env: name, from, tag, version, sha, upstreamTag: candidate } = plan;
  const result = {
    kind: 'tag' as const,
    env: name,
    from,
    tag,
    version,
    sha,
    candidate,
    previousTag: last.tag,
    notes,
    pushed: !dryRun && request.push,
    follow: [],
    gates,
    record,
  };
  if (dryRun) return result;
  // A `previous` environment after the promoted one follows the new release: its pointer is a change to land.
  const tool = configuredTool(policy.gitops);
  const follow =
    tool && policy.environments.some((e) => e.track.kind === 'previous')
      ? writes(
          planManifests(repo.root, await manifestsFor(repo, policy, loaded.file, tool, [...tags, tag], 'HEAD', origin)),
        ).map((c) => c.path)
      : [];
  await writeRelease(
    repo,
    env,
    planTagWrite({ kind: 'promotion', env: name }, tag, withRecord(notes, record), {
      target: sha,
      trunk: policy.trunk,
      sign: policy.release.sign,
      push: request.push,
    }),
  );
  return { ...result, follow };
}
