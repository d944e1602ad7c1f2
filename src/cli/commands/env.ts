// `trunk env [status] [--all] [--json]`: which commit and version each environment runs, what is waiting to be
// promoted (commits, workload files by app, the rendered objects it changes), the next step and the promotion gates;
// `trunk env diff A B [--json | --markdown]`: one report of what promoting A's ref into B changes: B's rendered
// objects, the commits and their release notes, the workload files that differ.
import { changesByApp, fill, isPerApp, workloadScope, type App } from '../../core/environments/layout.js';
import { describeTrack } from '../../core/environments/model.js';
import { short } from '../../core/environments/promote.js';
import type { EnvRef } from '../../core/environments/resolve.js';
import type { Policy } from '../../core/policy/policy.js';
import {
  markdownSection,
  sectionJson,
  summaryLine,
  textSection,
  type RenderedSection,
} from '../../core/render/report.js';
import { Exit, errors, type ExitCode } from '../../errors.js';
import { envDiff, envStatus, type EnvPair, type EnvState, type PairRendering } from '../../flows/env-state.js';
import { codeSpan } from '../../core/markdown.js';
import { defineCommand, GROUPS, unknownWord, USAGE } from '../args.js';
import { openEnvironments, unknownEnvironment } from '../env-commands.js';
import { gateLines, gatesJson } from '../gates.js';
import type { Command } from '../main.js';

const SUBCOMMANDS: Record<string, () => Promise<{ run: Command }>> = {
  promote: () => import('./env-promote.js'),
  pin: () => import('./env-pin.js'),
  unpin: () => import('./env-pin.js'),
  manifests: () => import('./env-manifests.js'),
};

function ago(seconds: number, now: number): string {
  const s = Math.max(0, now - seconds);
  const [n, unit] =
    s < 60
      ? [s, 's']
      : s < 3600
        ? [Math.floor(s / 60), 'min']
        : s < 86400
          ? [Math.floor(s / 3600), 'h']
          : [Math.floor(s / 86400), 'd'];
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
  return [head, ...body].map((r) =>
    r
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd(),
  );
}

type Changes = EnvPair['changes'];

/** The workload files that differ, one line per app with changes (with one app: per its directory), then those under no app. */
function changeLines(changes: Changes, apps: readonly App[], policy: Policy, all: boolean): string[] {
  const { path } = policy.gitops;
  const envs = policy.environments.map((e) => e.name);
  const list = (files: Changes) => {
    const shown = all ? files : files.slice(0, 5);
    return `${shown.map((f) => `${f.path} (+${f.added} −${f.removed})`).join(', ')}${shown.length < files.length ? `, … ${files.length - shown.length} more` : ''}`;
  };
  if (!isPerApp(path))
    return changes.length
      ? [
          `${workloadScope(path, apps, envs)
            .map((dir) => `${dir}/`)
            .join(' ')} changes: ${list(changes)}`,
        ]
      : [];
  const { apps: byApp, outside } = changesByApp(changes, apps, path, envs);
  return [
    ...byApp.filter((app) => app.changes.length).map((app) => `${app.name} changes: ${list(app.changes)}`),
    ...(outside.length ? [`changes outside the apps: ${list(outside)}`] : []),
  ];
}

/** The workload files that differ, by app, for --json. */
const appChanges = (changes: Changes, apps: readonly App[], policy: Policy) =>
  changesByApp(
    changes,
    apps,
    policy.gitops.path,
    policy.environments.map((e) => e.name),
  ).apps;

function refJson(ref: EnvRef, state: EnvState) {
  const base = {
    name: ref.env.name,
    track: ref.env.track,
    pin: ref.env.pin ?? null,
    spec: ref.spec.kind === 'none' ? null : ref.spec.value,
    resolvedAs: state.tool.id,
  };
  if (ref.kind === 'unresolved')
    return { ...base, ref: null, tag: null, sha: null, version: null, date: null, onTrunk: null, reason: ref.reason };
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

/** What promoting a pair changes in its downstream's objects, for `trunk env`: a summary line per app, or the command. */
function renderingLines(rendered: PairRendering | null): string[] {
  if (!rendered) return [];
  if (rendered.kind === 'rendered') return rendered.sections.map((s) => `rendered: ${summaryLine(s)}`);
  if (rendered.kind === 'skipped')
    return [`rendered diff: ${rendered.command} (not rendered here: ${rendered.reason})`];
  return [`rendered diff failed: ${rendered.message} (${rendered.command} says more)`];
}

const renderingJson = (rendered: PairRendering | null) =>
  rendered?.kind === 'rendered'
    ? { kind: 'rendered', summary: rendered.sections.map(summaryLine), sections: rendered.sections.map(sectionJson) }
    : rendered;

const status = defineCommand(USAGE.envStatus, async ({ values }, io): Promise<ExitCode> => {
  const { repo, loaded } = await openEnvironments(io.cwd);
  const { policy } = loaded;
  const { state, apps, pairs, firsts, manifests, gates, warnings } = await envStatus(repo, loaded, io.env);
  if (values.json) {
    const diffs = [
      ...pairs.map((p) => ({
        from: p.from,
        to: p.to,
        commits: p.waiting.length,
        tags: p.tags,
        ahead: p.ahead,
        changes: p.changes,
        apps: appChanges(p.changes, apps, policy),
        next: p.next,
        rendered: renderingJson(p.rendered),
      })),
      ...firsts.map((f) => ({ ...f, commits: null, tags: [], ahead: 0, changes: [], apps: [], rendered: null })),
    ];
    const environments = state.refs.map((r) => {
      const own = gates.find((g) => g.env === r.env.name);
      return { ...refJson(r, state), gates: own ? gatesJson(own) : null };
    });
    io.out(JSON.stringify({ environments, diffs, warnings }, null, 2));
    return Exit.Ok;
  }
  const now = Math.floor(Date.now() / 1000);
  const held = (name: string) =>
    gates.some((g) => g.env === name && !g.report.open) ? `; held now by ${name}'s gates (below)` : '';
  const out = [
    `${policy.environments.length} environments (${loaded.file ?? 'defaults'}), resolved as ${state.tool.label} resolves them`,
    '',
  ];
  out.push(...table(['ENV', 'TRACKS', 'REF', 'COMMIT', 'VERSION', 'SINCE'], rows(state, policy.trunk, now)), '');
  for (const pair of pairs.slice().reverse()) {
    const count = pair.waiting.length;
    out.push(
      `in ${pair.from}, not in ${pair.to}: ${count === 0 ? 'nothing' : `${count} commit${count > 1 ? 's' : ''}`}${pair.tags.length ? `, tags ${pair.tags.join(' ')}` : ''}`,
    );
    const shown = values.all ? pair.waiting : pair.waiting.slice(0, 5);
    out.push(...shown.map((c) => `  ${short(c.sha)} ${c.subject}`));
    if (shown.length < count) out.push(`  … ${count - shown.length} more (--all shows every one)`);
    out.push(...changeLines(pair.changes, apps, policy, Boolean(values.all)).map((line) => `  ${line}`));
    if (pair.next) out.push(`  next: ${pair.next}${held(pair.to)}`);
    out.push(...renderingLines(pair.rendered).map((line) => `  ${line}`));
  }
  for (const first of firsts) out.push(`${first.to} runs nothing yet`, `  next: ${first.next}${held(first.to)}`);
  if (gates.length) out.push('', 'gates', ...gateLines(gates));
  out.push('', 'checks');
  if (manifests)
    out.push(`  ✓ ${manifests.tool.id} manifests match ${loaded.file ?? 'the config'} (${manifests.files} files)`);
  out.push(
    ...(warnings.length
      ? warnings.map((w) => `  ⚠ ${w.message}`)
      : ['  ✓ no tag Argo CD or Flux would misread, every environment resolves, in order']),
  );
  io.out(out.join('\n'));
  return Exit.Ok;
});

/** Release notes under a heading of their own: their headings two levels down (`## 1.1.0` → `#### 1.1.0`). */
const demoted = (notes: string) => notes.replace(/^(#{1,4}) /gm, '##$1 ');

const diff = defineCommand(USAGE.envDiff, async ({ values, positionals }, io): Promise<ExitCode> => {
  if (positionals.length !== 2)
    throw errors.usage(
      'trunk env diff needs two environments: the one that has the changes, then the one that lacks them.',
      'trunk env diff qa prod',
    );
  if (values.json && values.markdown)
    throw errors.usage(
      'trunk env diff prints one report: --json or --markdown, not both.',
      'trunk env diff qa prod --markdown',
    );
  const { repo, loaded } = await openEnvironments(io.cwd);
  const { policy } = loaded;
  for (const name of positionals)
    if (!policy.environments.some((e) => e.name === name)) throw unknownEnvironment(name, loaded);
  const result = await envDiff(repo, policy, [positionals[0], positionals[1]], {
    epoch: io.env.SOURCE_DATE_EPOCH,
    env: io.env,
  });
  const { from, to } = result;
  if (result.kind === 'nothing') {
    const message = `${from.env.name} runs nothing yet (${result.from.reason}), so it has nothing ${to.env.name} lacks.`;
    if (values.json)
      io.out(
        JSON.stringify(
          { from: from.env.name, to: to.env.name, commits: 0, notes: null, changes: [], apps: [], rendered: [] },
          null,
          2,
        ),
      );
    if (values.markdown) io.out(`## ${from.env.name} → ${to.env.name}\n\n${message}`);
    else io.err(`trunk: ${message}`);
    return Exit.Ok;
  }
  const { commits, notes, changes, apps, rendered } = result;
  if (values.json) {
    io.out(
      JSON.stringify(
        {
          from: from.env.name,
          to: to.env.name,
          commits,
          notes,
          changes,
          apps: appChanges(changes, apps, policy),
          rendered: rendered.map(sectionJson),
        },
        null,
        2,
      ),
    );
    return Exit.Ok;
  }
  const refName = (ref: EnvRef) =>
    ref.kind === 'tag' ? ref.tag : ref.kind === 'branch' ? policy.trunk : 'runs nothing yet';
  const none =
    commits && !notes
      ? ': none is a feature, fix, performance change, revert or breaking change, so there are no notes'
      : '';
  const files = changeLines(changes, apps, policy, true);
  // The workload directories of `to`, for a report with nothing rendered (none exists at either ref).
  const workloads = fill(policy.gitops.path, '{app}', to.env.name);
  const noWorkloads = `${to.env.name} has no workload directory (${workloads}) at either ref, so nothing renders.`;
  const head = `${commits} commit${commits === 1 ? '' : 's'} in ${from.env.name}`;
  if (values.markdown) {
    const out = [
      `## ${from.env.name} → ${to.env.name}`,
      '',
      `${head} (${codeSpan(refName(from))}), not in ${to.env.name} (${codeSpan(refName(to))})${none}.`,
      '',
      ...(rendered.length ? rendered.flatMap((s: RenderedSection) => markdownSection(s)) : [noWorkloads, '']),
    ];
    if (changes.length)
      out.push(
        '### Workload files that differ',
        '',
        ...changes.map((f) => `- ${codeSpan(f.path)} (+${f.added} −${f.removed})`),
        '',
      );
    if (notes) out.push('### Release notes', '', demoted(notes).trimEnd(), '');
    io.out(out.join('\n').trimEnd());
    return Exit.Ok;
  }
  const out = [
    `${head} (${refName(from)}), not in ${to.env.name} (${refName(to)})${none}.`,
    '',
    ...(rendered.length ? rendered.flatMap((s) => [...textSection(s), '']) : [noWorkloads, '']),
  ];
  if (files.length) out.push('workload files that differ', ...files.map((line) => `  ${line}`), '');
  if (notes) out.push('release notes', notes.trimEnd(), '');
  io.out(out.join('\n').trimEnd());
  return Exit.Ok;
});

export const run: Command = async (args, io) => {
  const [word, ...rest] = args;
  if (word === '--help' || word === '-h') return (io.out(GROUPS.env()), Exit.Ok);
  if (word === undefined || word.startsWith('-')) return status(args, io);
  if (word === 'status') return status(rest, io);
  if (word === 'diff') return diff(rest, io);
  const load = SUBCOMMANDS[word];
  if (!load)
    throw unknownWord(word, ['status', 'diff', ...Object.keys(SUBCOMMANDS)], 'a trunk env command', 'trunk env --help');
  return (await load()).run(word === 'unpin' || word === 'pin' ? args : rest, io);
};
