// `trunk env [status] [--all] [--json]`: which commit and version each environment runs, what is waiting to be
// promoted (commits, and workload files by app) and the next step; `trunk env diff A B [--json]`: the release
// notes of what A has and B has not, and the workload files that differ.
import type { LoadedPolicy } from '../../adapters/config/files.js';
import { readChanges, readPairs } from '../../adapters/git/env-facts.js';
import { readAnalysis } from '../../adapters/git/release-facts.js';
import { originUrl, type Repo } from '../../adapters/git/repo.js';
import { checkOrder, lintTags, type EnvWarning, type PairFacts } from '../../core/environments/checks.js';
import { changesByApp, isPerApp, workloadScope, type App } from '../../core/environments/layout.js';
import { cutsCandidates, describeTrack } from '../../core/environments/model.js';
import { describePromotion, planPromotion, short } from '../../core/environments/promote.js';
import type { EnvRef } from '../../core/environments/resolve.js';
import { configuredTool } from '../../core/gitops/registry.js';
import type { Policy } from '../../core/policy/policy.js';
import { Exit, errors, type ExitCode } from '../../errors.js';
import { readEnvState, type EnvState } from '../../flows/env-state.js';
import { appsFor, manifestDrift, manifestsFor } from '../../flows/manifests.js';
import { openEnvironments, unknownEnvironment } from '../env-commands.js';
import { defineCommand, GROUPS, unknownWord, USAGE } from '../args.js';
import type { Command } from '../main.js';

const SUBCOMMANDS: Record<string, () => Promise<{ run: Command }>> = {
  promote: () => import('./env-promote.js'),
  pin: () => import('./env-pin.js'),
  unpin: () => import('./env-pin.js'),
  manifests: () => import('./env-manifests.js'),
};

function ago(seconds: number, now: number): string {
  const s = Math.max(0, now - seconds);
  const [n, unit] = s < 60 ? [s, 's'] : s < 3600 ? [Math.floor(s / 60), 'min'] : s < 86400 ? [Math.floor(s / 3600), 'h'] : [Math.floor(s / 86400), 'd'];
  return `${n}${unit} ago`;
}

/** One table row per environment. */
function rows(state: EnvState, trunk: string, now: number): string[][] {
  return state.refs.map((ref) => {
    const tracks = describeTrack(ref.env, trunk);
    if (ref.kind === 'unresolved') return [ref.env.name, tracks, '-', '-', '-', '-'];
    const name = ref.kind === 'branch' ? trunk : `${ref.tag}${ref.env.pin ? ' (PINNED)' : ''}`;
    return [ref.env.name, tracks, name, short(ref.sha), ref.version ?? '-', ago(ref.date, now)];
  });
}

function table(head: string[], body: string[][]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  return [head, ...body].map((r) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd());
}

/** How `name` would be promoted, from the refs as they are. */
const promotionOf = (state: EnvState, policy: Policy, name: string) =>
  planPromotion(state.refs, name, { tagPrefix: policy.tagPrefix, allTags: state.facts.tags.map((t) => t.name), trunk: policy.trunk });

/** The next step for the pair's downstream environment, or null when nothing is to be done. */
function nextStep(state: EnvState, pair: PairFacts & { releasable: boolean }, loaded: LoadedPolicy): string | null {
  const { policy } = loaded;
  const down = state.refs.find((r) => r.env.name === pair.to)!;
  const up = state.refs.find((r) => r.env.name === pair.from)!;
  if (down.env.pin) return `${down.env.name} is pinned to ${down.env.pin}; follow its track again with: trunk env unpin ${down.env.name}`;
  const plan = promotionOf(state, policy, pair.to);
  if (plan.kind !== 'refuse') return describePromotion(plan);
  if (pair.waiting.length === 0) return null;
  if (up.kind === 'branch')
    return pair.releasable
      ? `trunk release → tags ${policy.trunk} as the next ${cutsCandidates(policy.environments) ? 'release candidate' : 'release'}, which ${down.env.name} picks up`
      : 'nothing to release yet: none of these is a feat, fix, perf, revert or breaking change';
  if (down.env.track.kind === 'previous') return `${down.env.name} moves to ${up.kind === 'tag' ? up.tag : 'the current release'} with the next release`;
  return null;
}

type Changes = PairFacts['changes'];

/** The workload files that differ, one line per app with changes (with one app: per its directory), then those under no app. */
function changeLines(changes: Changes, apps: readonly App[], policy: Policy, all: boolean): string[] {
  const { path } = policy.gitops;
  const envs = policy.environments.map((e) => e.name);
  const list = (files: Changes) => {
    const shown = all ? files : files.slice(0, 5);
    return `${shown.map((f) => `${f.path} (+${f.added} −${f.removed})`).join(', ')}${shown.length < files.length ? `, … ${files.length - shown.length} more` : ''}`;
  };
  if (!isPerApp(path)) return changes.length ? [`${workloadScope(path, apps, envs).map((dir) => `${dir}/`).join(' ')} changes: ${list(changes)}`] : [];
  const { apps: byApp, outside } = changesByApp(changes, apps, path, envs);
  return [...byApp.filter((app) => app.changes.length).map((app) => `${app.name} changes: ${list(app.changes)}`), ...(outside.length ? [`changes outside the apps: ${list(outside)}`] : [])];
}

/** The workload files that differ, by app, for --json. */
const appChanges = (changes: Changes, apps: readonly App[], policy: Policy) => changesByApp(changes, apps, policy.gitops.path, policy.environments.map((e) => e.name)).apps;

async function manifestCheck(repo: Repo, loaded: LoadedPolicy, state: EnvState): Promise<EnvWarning[] | string> {
  const tool = configuredTool(loaded.policy.gitops);
  if (!tool) return [];
  const files = await manifestsFor(repo, loaded.policy, loaded.file, tool, state.facts.tags.map((t) => t.name)).catch((err) => err as Error);
  if (files instanceof Error) return [{ code: 'MANIFESTS_UNKNOWN', message: files.message }];
  const drift = manifestDrift(repo.root, loaded.policy, tool, files);
  const stale = [...drift.stale.map((c) => `${c.path}${c.action === 'create' ? ' (missing)' : ''}`), ...drift.orphans.map((path) => `${path} (no longer in the config)`)];
  if (stale.length === 0) return `${tool.id} manifests match ${loaded.file ?? 'the config'} (${files.length} files)`;
  const list = stale.join(', ');
  return [{ code: 'MANIFEST_DRIFT', message: `${stale.length} ${tool.id} manifest file${stale.length > 1 ? 's' : ''} out of step with ${loaded.file ?? 'the config'}: ${list}; rewrite them with: npx trunk env manifests` }];
}

function refJson(ref: EnvRef, state: EnvState) {
  const base = { name: ref.env.name, track: ref.env.track, pin: ref.env.pin ?? null, spec: ref.spec.kind === 'none' ? null : ref.spec.value, resolvedAs: state.tool.id };
  if (ref.kind === 'unresolved') return { ...base, ref: null, tag: null, sha: null, version: null, date: null, onTrunk: null, reason: ref.reason };
  return {
    ...base,
    ref: ref.kind === 'branch' ? `refs/heads/${state.facts.trunk}` : `refs/tags/${ref.tag}`,
    tag: ref.kind === 'tag' ? ref.tag : null,
    sha: ref.sha,
    version: ref.version,
    date: new Date(ref.date * 1000).toISOString(),
    onTrunk: ref.kind === 'branch' ? true : ref.onTrunk,
  };
}

const status = defineCommand(USAGE.envStatus, async ({ values }, io): Promise<ExitCode> => {
  const { repo, loaded } = await openEnvironments(io.cwd);
  const { policy } = loaded;
  const state = await readEnvState(repo, policy);
  const apps = await appsFor(repo, policy, 'HEAD');
  const scope = workloadScope(policy.gitops.path, apps, policy.environments.map((e) => e.name));
  const pairs = await Promise.all(
    (await readPairs(repo, state.refs, policy.tagPrefix, scope)).map(async (pair) => {
      const [up, down] = [pair.from, pair.to].map((name) => state.refs.find((r) => r.env.name === name)!);
      // What the trunk has beyond the environment after it is released only if some of it calls for a version.
      const releasable = up.kind === 'branch' && down.kind !== 'unresolved' && pair.waiting.length > 0 && (await readAnalysis(repo, down.sha, up.sha, policy)).bump !== null;
      return { ...pair, releasable };
    }),
  );
  const manifests = await manifestCheck(repo, loaded, state);
  const warnings = [...checkOrder(state.refs, pairs, policy.trunk), ...lintTags(state.facts.tags, state.facts.branches, policy.tagPrefix), ...(typeof manifests === 'string' ? [] : manifests)];
  if (policy.environments.length > 3)
    warnings.push({ code: 'MORE_THAN_THREE', message: `${policy.environments.length} long-lived environments: each one costs a cluster, a pipeline stage and a promotion to wait for` });
  // An environment that runs nothing yet (before the first promotion) may still be one promotion away.
  const firsts = state.refs.flatMap((ref, i) => {
    if (ref.kind !== 'unresolved' || i === 0) return [];
    const plan = promotionOf(state, policy, ref.env.name);
    return plan.kind === 'refuse' ? [] : [{ from: state.refs[i - 1].env.name, to: ref.env.name, next: describePromotion(plan) }];
  });
  if (values.json) {
    const diffs = [
      ...pairs.map((p) => ({ from: p.from, to: p.to, commits: p.waiting.length, tags: p.tags, ahead: p.ahead, changes: p.changes, apps: appChanges(p.changes, apps, policy), next: nextStep(state, p, loaded) })),
      ...firsts.map((f) => ({ ...f, commits: null, tags: [], ahead: 0, changes: [], apps: [] })),
    ];
    io.out(JSON.stringify({ environments: state.refs.map((r) => refJson(r, state)), diffs, warnings }, null, 2));
    return Exit.Ok;
  }
  const now = Math.floor(Date.now() / 1000);
  const out = [`${policy.environments.length} environments (${loaded.file ?? 'defaults'}), resolved as ${state.tool.label} resolves them`, ''];
  out.push(...table(['ENV', 'TRACKS', 'REF', 'COMMIT', 'VERSION', 'SINCE'], rows(state, policy.trunk, now)), '');
  for (const pair of pairs.slice().reverse()) {
    const count = pair.waiting.length;
    out.push(`in ${pair.from}, not in ${pair.to}: ${count === 0 ? 'nothing' : `${count} commit${count > 1 ? 's' : ''}`}${pair.tags.length ? `, tags ${pair.tags.join(' ')}` : ''}`);
    const shown = values.all ? pair.waiting : pair.waiting.slice(0, 5);
    out.push(...shown.map((c) => `  ${short(c.sha)} ${c.subject}`));
    if (shown.length < count) out.push(`  … ${count - shown.length} more (--all shows every one)`);
    out.push(...changeLines(pair.changes, apps, policy, Boolean(values.all)).map((line) => `  ${line}`));
    const next = nextStep(state, pair, loaded);
    if (next) out.push(`  next: ${next}`);
  }
  for (const first of firsts) out.push(`${first.to} runs nothing yet`, `  next: ${first.next}`);
  out.push('', 'checks');
  if (typeof manifests === 'string') out.push(`  ✓ ${manifests}`);
  out.push(...(warnings.length ? warnings.map((w) => `  ⚠ ${w.message}`) : ['  ✓ no tag Argo CD or Flux would misread, every environment resolves, in order']));
  io.out(out.join('\n'));
  return Exit.Ok;
});

const diff = defineCommand(USAGE.envDiff, async ({ values, positionals }, io): Promise<ExitCode> => {
  if (positionals.length !== 2) throw errors.usage('trunk env diff needs two environments: the one that has the changes, then the one that lacks them.', 'trunk env diff qa prod');
  const { repo, loaded } = await openEnvironments(io.cwd);
  const { policy } = loaded;
  const state = await readEnvState(repo, policy);
  const [from, to] = positionals.map((name) => {
    const ref = state.refs.find((r) => r.env.name === name);
    if (!ref) throw unknownEnvironment(name, loaded);
    return ref;
  });
  const where = (ref: EnvRef) => `${ref.env.name} (${ref.kind === 'tag' ? ref.tag : ref.kind === 'branch' ? policy.trunk : 'runs nothing yet'})`;
  if (from.kind === 'unresolved') {
    if (values.json) io.out(JSON.stringify({ from: from.env.name, to: to.env.name, commits: 0, notes: null, changes: [], apps: [] }, null, 2));
    io.err(`trunk: ${from.env.name} runs nothing yet (${from.reason}), so it has nothing ${to.env.name} lacks.`);
    return Exit.Ok;
  }
  // Before its first release, `to` lacks everything `from` runs: compared with the empty tree.
  const base = to.kind === 'unresolved' ? (await repo.git(['hash-object', '-t', 'tree', '--stdin'], { input: '' })).trim() : to.sha;
  const apps = await appsFor(repo, policy, 'HEAD');
  const [analysis, changes] = await Promise.all([
    readAnalysis(repo, to.kind === 'unresolved' ? null : to.sha, from.sha, policy),
    readChanges(repo, base, from.sha, workloadScope(policy.gitops.path, apps, policy.environments.map((e) => e.name))),
  ]);
  const plan = promotionOf(state, policy, to.env.name);
  const promoted = plan.kind === 'tag' && plan.from === from.env.name ? plan : null;
  const fromName = from.kind === 'tag' ? from.tag : policy.trunk;
  // The notes renderer (handlebars, the preset) loads only here: status does not pay for it.
  const { notesFor } = await import('../../flows/notes.js');
  // Without a commit the notes would show, there are none: not a heading over nothing.
  const notes = analysis.noteworthy.length === 0 ? null : await notesFor(
    analysis.noteworthy,
    { version: promoted?.version ?? from.version ?? fromName, tag: promoted?.tag ?? fromName, previousTag: to.kind === 'tag' ? to.tag : null },
    { originUrl: await originUrl(repo), epoch: io.env.SOURCE_DATE_EPOCH },
  );
  if (values.json) {
    io.out(JSON.stringify({ from: from.env.name, to: to.env.name, commits: analysis.commits, notes, changes, apps: appChanges(changes, apps, policy) }, null, 2));
    return Exit.Ok;
  }
  const none = analysis.commits && !notes ? ': none is a feature, fix, performance change, revert or breaking change, so there are no notes' : '';
  io.err([`trunk: ${analysis.commits} commit${analysis.commits === 1 ? '' : 's'} in ${where(from)}, not in ${where(to)}${none}.`, ...changeLines(changes, apps, policy, true).map((line) => `  ${line}`)].join('\n'));
  if (notes) io.out(notes);
  return Exit.Ok;
});

export const run: Command = async (args, io) => {
  const [word, ...rest] = args;
  if (word === '--help' || word === '-h') return (io.out(GROUPS.env()), Exit.Ok);
  if (word === undefined || word.startsWith('-')) return status(args, io);
  if (word === 'status') return status(rest, io);
  if (word === 'diff') return diff(rest, io);
  const load = SUBCOMMANDS[word];
  if (!load) throw unknownWord(word, ['status', 'diff', ...Object.keys(SUBCOMMANDS)], 'a trunk env command', 'trunk env --help');
  return (await load()).run(word === 'unpin' || word === 'pin' ? args : rest, io);
};
