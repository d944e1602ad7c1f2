// Where every environment is, for `trunk env` and `trunk env diff`: the refs read once, each environment resolved
// as its GitOps tool resolves it, what lies between neighbours, how each would be promoted, its promotion gates,
// and the manifests' check. The commands word the data (a table, or --json).
import type { LoadedPolicy } from '../adapters/config/files.js';
import { readChanges, readPairs, readRefFacts } from '../adapters/git/env-facts.js';
import { readAnalysis } from '../adapters/git/release-facts.js';
import { originUrl, type Env, type Repo } from '../adapters/git/repo.js';
import { checkOrder, lintTags, type EnvWarning, type PairFacts } from '../core/environments/checks.js';
import { workloadScope, type App } from '../core/environments/layout.js';
import type { EnvGates } from '../core/environments/gates.js';
import { cutsCandidates } from '../core/environments/model.js';
import { describePromotion, planPromotion, type Promotion } from '../core/environments/promote.js';
import { resolveEnvironments, type EnvRef, type RefFacts } from '../core/environments/resolve.js';
import { configuredTool, FALLBACK_TOOL } from '../core/gitops/registry.js';
import type { GitopsTool } from '../core/gitops/tool.js';
import type { Policy } from '../core/policy/policy.js';
import type { RenderedSection } from '../core/render/report.js';
import { TrunkError } from '../errors.js';
import { allGates } from './gates.js';
import { appsFor, manifestDrift, manifestsFor } from './manifests.js';
import { planCost, planRendering, renderRef, runRendering } from './render.js';

export interface EnvState {
  facts: RefFacts & { branches: string[]; tagNames: string[] };
  refs: EnvRef[];
  /** The tool whose resolution rules apply: the configured one, else Argo CD's (the stricter reader). */
  tool: GitopsTool;
}

/** The environments as they are, or with the trunk at `tip` (a pull request's base, or its merge). */
export async function readEnvState(repo: Repo, policy: Policy, tip?: string): Promise<EnvState> {
  const facts = await readRefFacts(repo, policy.trunk, policy.tagPrefix, tip);
  const tool = configuredTool(policy.gitops) ?? FALLBACK_TOOL;
  return { facts, refs: resolveEnvironments(policy.environments, facts, tool), tool };
}

/** How environment `name` would be promoted, from the refs as they are (every tag name counts as taken). */
export const promotionOf = (state: EnvState, policy: Policy, name: string): Promotion =>
  planPromotion(state.refs, name, { tagPrefix: policy.tagPrefix, allTags: state.facts.tagNames, trunk: policy.trunk });

/**
 * What promoting a pair would change in the downstream's objects, for `trunk env`: rendered when that is cheap (see
 * STATUS_RUNS), else the command that shows it, or why rendering failed.
 */
export type PairRendering =
  | { kind: 'rendered'; sections: RenderedSection[] }
  | { kind: 'skipped'; reason: string; command: string }
  | { kind: 'failed'; message: string; command: string };

/**
 * An adjacent pair: what lies between, whether the trunk's part is releasable, the next step for the downstream, and
 * (when commits wait) what promoting it would change in the downstream's rendered objects.
 */
export type EnvPair = PairFacts & { releasable: boolean; next: string | null; rendered: PairRendering | null };

export interface EnvStatus {
  state: EnvState;
  /** The apps as committed at HEAD. */
  apps: App[];
  pairs: EnvPair[];
  /** Environments that run nothing yet (before the first promotion) but are one promotion away. */
  firsts: { from: string; to: string; next: string }[];
  /** The pointer manifests, when they are in step with the config (otherwise a warning says how they are not). */
  manifests: { tool: GitopsTool; files: number } | null;
  /** The promotion gates of each environment that has some, now. */
  gates: EnvGates[];
  warnings: EnvWarning[];
}

/** The next step for the pair's downstream environment, or null when nothing is to be done. */
function nextStep(state: EnvState, pair: PairFacts & { releasable: boolean }, policy: Policy): string | null {
  const down = state.refs.find((r) => r.env.name === pair.to)!;
  const up = state.refs.find((r) => r.env.name === pair.from)!;
  if (down.env.pin)
    return `${down.env.name} is pinned to ${down.env.pin}; follow its track again with: trunk env unpin ${down.env.name}`;
  const plan = promotionOf(state, policy, pair.to);
  if (plan.kind !== 'refuse') return describePromotion(plan);
  if (pair.waiting.length === 0) return null;
  if (up.kind === 'branch')
    return pair.releasable
      ? `trunk release → tags ${policy.trunk} as the next ${cutsCandidates(policy.environments) ? 'release candidate' : 'release'}, which ${down.env.name} picks up`
      : 'nothing to release yet: none of these is a feat, fix, perf, revert or breaking change';
  if (down.env.track.kind === 'previous')
    return `${down.env.name} moves to ${up.kind === 'tag' ? up.tag : 'the current release'} with the next release`;
  return null;
}

/** The manifests against the config: in step (how many files), or the warning that says how they are not. */
async function manifestCheck(
  repo: Repo,
  loaded: LoadedPolicy,
  state: EnvState,
): Promise<{ tool: GitopsTool; files: number } | EnvWarning | null> {
  const tool = configuredTool(loaded.policy.gitops);
  if (!tool) return null;
  const files = await manifestsFor(
    repo,
    loaded.policy,
    loaded.file,
    tool,
    state.facts.tags.map((t) => t.name),
  ).catch((err) => err as Error);
  if (files instanceof Error) return { code: 'MANIFESTS_UNKNOWN', message: files.message };
  const drift = manifestDrift(repo.root, loaded.policy, tool, files);
  const stale = [
    ...drift.stale.map((c) => `${c.path}${c.action === 'create' ? ' (missing)' : ''}`),
    ...drift.orphans.map((path) => `${path} (no longer in the config)`),
  ];
  if (stale.length === 0) return { tool, files: files.length };
  const list = stale.join(', ');
  return {
    code: 'MANIFEST_DRIFT',
    message: `${stale.length} ${tool.id} manifest file${stale.length > 1 ? 's' : ''} out of step with ${loaded.file ?? 'the config'}: ${list}; rewrite them with: npx trunk env manifests`,
  };
}

/**
 * The renderer runs `trunk env` spends on the waiting promotions: two renderings of one overlay cost kubectl
 * kustomize ~0.1 s; more (many apps, many pairs) or gitops.render (a command of unknown cost) and it names the command.
 */
const STATUS_RUNS = 4;

/** What promoting each pair with waiting commits would change in its downstream, rendered when that is cheap. */
async function pairRenderings(
  repo: Repo,
  policy: Policy,
  state: EnvState,
  apps: readonly App[],
  pairs: readonly PairFacts[],
  env: Env,
): Promise<(PairRendering | null)[]> {
  const plans = await Promise.all(
    pairs.map(async (pair) => {
      if (pair.waiting.length === 0) return null;
      const [up, down] = [pair.from, pair.to].map((name) => state.refs.find((r) => r.env.name === name)!);
      if (up.kind === 'unresolved' || down.kind === 'unresolved') return null;
      return planRendering(
        repo,
        policy,
        state.tool,
        apps,
        pair.to,
        renderRef(down, policy.trunk),
        renderRef(up, policy.trunk),
      ).catch((err: unknown) => err as Error);
    }),
  );
  const cost = plans.reduce(
    (sum, plan) => {
      if (!plan || plan instanceof Error) return sum;
      const c = planCost(plan);
      return { runs: sum.runs + c.runs, custom: sum.custom || c.custom };
    },
    { runs: 0, custom: false },
  );
  const cheap = !cost.custom && cost.runs <= STATUS_RUNS;
  return Promise.all(
    plans.map(async (plan, i): Promise<PairRendering | null> => {
      if (!plan) return null;
      const command = `trunk env diff ${pairs[i].from} ${pairs[i].to}`;
      const failed = (err: unknown): PairRendering => {
        if (!(err instanceof TrunkError)) throw err;
        return { kind: 'failed', message: err.message, command };
      };
      if (plan instanceof Error) return failed(plan);
      if (!cheap)
        return {
          kind: 'skipped',
          reason: cost.custom ? 'gitops.render runs a command of its own' : `${cost.runs} renderer runs`,
          command,
        };
      return runRendering(repo, plan, env).then((sections) => ({ kind: 'rendered' as const, sections }), failed);
    }),
  );
}

/** `trunk env`: every environment, what waits between neighbours, the next steps and the checks. */
export async function envStatus(repo: Repo, loaded: LoadedPolicy, env: Env): Promise<EnvStatus> {
  const { policy } = loaded;
  const state = await readEnvState(repo, policy);
  const apps = await appsFor(repo, policy, 'HEAD');
  const scope = workloadScope(
    policy.gitops.path,
    apps,
    policy.environments.map((e) => e.name),
  );
  const facts = await readPairs(repo, state.refs, policy.tagPrefix, scope);
  const renderings = await pairRenderings(repo, policy, state, apps, facts, env);
  const pairs = await Promise.all(
    facts.map(async (pair, i) => {
      const [up, down] = [pair.from, pair.to].map((name) => state.refs.find((r) => r.env.name === name)!);
      // What the trunk has beyond the environment after it is released only if some of it calls for a version.
      const releasable =
        up.kind === 'branch' &&
        down.kind !== 'unresolved' &&
        pair.waiting.length > 0 &&
        (await readAnalysis(repo, down.sha, up.sha, policy)).bump !== null;
      return {
        ...pair,
        releasable,
        next: nextStep(state, { ...pair, releasable }, policy),
        rendered: renderings[i],
      };
    }),
  );
  const check = await manifestCheck(repo, loaded, state);
  const manifests = check && 'files' in check ? check : null;
  const warnings = [
    ...checkOrder(state.refs, pairs, policy.trunk),
    ...lintTags(state.facts.tags, state.facts.branches, policy.tagPrefix),
    ...(check && 'code' in check ? [check] : []),
  ];
  if (policy.environments.length > 3)
    warnings.push({
      code: 'MORE_THAN_THREE',
      message: `${policy.environments.length} long-lived environments: each one costs a cluster, a pipeline stage and a promotion to wait for`,
    });
  const firsts = state.refs.flatMap((ref, i) => {
    if (ref.kind !== 'unresolved' || i === 0) return [];
    const plan = promotionOf(state, policy, ref.env.name);
    return plan.kind === 'refuse'
      ? []
      : [{ from: state.refs[i - 1].env.name, to: ref.env.name, next: describePromotion(plan) }];
  });
  const gates = allGates(state.refs, (name) => promotionOf(state, policy, name).kind !== 'refuse');
  return { state, apps, pairs, firsts, manifests, gates, warnings };
}

export type EnvDiff =
  /** `from` runs nothing yet, so it has nothing `to` lacks. */
  | { kind: 'nothing'; from: EnvRef & { kind: 'unresolved' }; to: EnvRef }
  /**
   * What `from` runs that `to` does not: the commits, their notes (null without a commit the notes would show), the
   * workload files that differ, and what promoting `from`'s ref into `to` changes in `to`'s rendered objects.
   */
  | {
      kind: 'diff';
      from: EnvRef;
      to: EnvRef;
      commits: number;
      notes: string | null;
      changes: PairFacts['changes'];
      apps: App[];
      rendered: RenderedSection[];
    };

/**
 * `trunk env diff <from> <to>` (both defined by the config): what `from` runs that `to` does not, with its notes, and
 * `to`'s workloads rendered at the ref it runs and at `from`'s (`env`: whose PATH finds the renderers).
 */
export async function envDiff(
  repo: Repo,
  policy: Policy,
  names: [string, string],
  options: { epoch?: string; env: Env },
): Promise<EnvDiff> {
  const state = await readEnvState(repo, policy);
  const [from, to] = names.map((name) => state.refs.find((r) => r.env.name === name)!);
  if (from.kind === 'unresolved') return { kind: 'nothing', from, to };
  // Before its first release, `to` lacks everything `from` runs: compared with the empty tree.
  const base =
    to.kind === 'unresolved'
      ? (await repo.git(['hash-object', '-t', 'tree', '--stdin'], { input: '' })).trim()
      : to.sha;
  const apps = await appsFor(repo, policy, 'HEAD');
  const [analysis, changes, plan] = await Promise.all([
    readAnalysis(repo, to.kind === 'unresolved' ? null : to.sha, from.sha, policy),
    readChanges(
      repo,
      base,
      from.sha,
      workloadScope(
        policy.gitops.path,
        apps,
        policy.environments.map((e) => e.name),
      ),
    ),
    planRendering(
      repo,
      policy,
      state.tool,
      apps,
      to.env.name,
      to.kind === 'unresolved' ? null : renderRef(to, policy.trunk),
      renderRef(from, policy.trunk),
    ),
  ]);
  const rendered = await runRendering(repo, plan, options.env);
  const promotion = promotionOf(state, policy, to.env.name);
  const promoted = promotion.kind === 'tag' && promotion.from === from.env.name ? promotion : null;
  const fromName = from.kind === 'tag' ? from.tag : policy.trunk;
  // The notes renderer (handlebars, the preset) loads only here: status does not pay for it.
  const { notesFor } = await import('./notes.js');
  // Without a commit the notes would show, there are none: not a heading over nothing.
  const notes =
    analysis.noteworthy.length === 0
      ? null
      : await notesFor(
          analysis.noteworthy,
          {
            version: promoted?.version ?? from.version ?? fromName,
            tag: promoted?.tag ?? fromName,
            previousTag: to.kind === 'tag' ? to.tag : null,
          },
          { originUrl: await originUrl(repo), epoch: options.epoch },
        );
  return { kind: 'diff', from, to, commits: analysis.commits, notes, changes, apps, rendered };
}
