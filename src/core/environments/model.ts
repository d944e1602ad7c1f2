// Environments are refs: what each one follows (config key `environments`, in promotion order), the two
// profiles trunk-init writes, the literal spec each GitOps tool is given, and the rules a config must keep.
import { parseTag } from '../versioning/tag.js';
import { checkPromotion, type Movement, type PromotionSettings } from './gates.js';
import { appsOf, checkApps, isPerApp } from './layout.js';
import { isRange, parseRange } from './masterminds.js';

/** What an environment follows. */
export type Track =
  /** The trunk's head. */
  | { kind: 'branch' }
  /** The highest vX.Y.Z tag (optionally within `range`). */
  | { kind: 'stable'; range?: string }
  /** The highest release candidate or release (optionally within `range`, which needs a prerelease part). */
  | { kind: 'candidate'; range?: string }
  /** The release below the highest stable one: an exact tag `trunk release` rewrites. */
  | { kind: 'previous' }
  /** An exact tag that only `trunk env promote` moves; absent until the first promotion. */
  | { kind: 'promoted'; tag?: string };

export interface Environment {
  /** A DNS-1123 label: it names the Argo CD Application / Flux objects and the overlay. */
  name: string;
  track: Track;
  /** An exact tag that overrides the track (rollback, hotfix testing): `trunk env pin` / `unpin`. */
  pin?: string;
  /** Its promotion gates: soak time, freeze windows (gates.ts). */
  promotion?: PromotionSettings;
}

export interface GitopsSettings {
  /** A GitOps tool's id (core/gitops/registry.ts): which manifests `trunk env manifests` and `trunk release` keep in step. */
  tool?: string;
  /** The repository the GitOps tool clones; defaults to remote.origin.url. */
  repoUrl?: string;
  /** The application's name: `<app>-<env>` names every object; defaults to the repository's directory name. */
  app?: string;
  /** The apps `{app}` in `path` stands for (directory names); defaults to the directories `path` matches at HEAD. */
  apps?: string[];
  /** The workload manifests each environment reads at its ref; `{app}` and `{env}` are replaced. */
  path: string;
  /** The namespace each environment's workloads go to; `{app}` and `{env}` are replaced. */
  namespace: string;
  /** Where the pointer manifests are written (read from the trunk). */
  output: string;
  /** The prerelease id of release candidates: vX.Y.Z-<id>.N. */
  prerelease: string;
  /** The command `trunk env diff` renders with instead of the built-in choice; `{path}`, `{env}`, `{app}` replaced. */
  render?: string;
  /** `helm template`'s values files for each environment, relative to the chart; `{env}`, `{app}` replaced. */
  helm: { values: string[] };
  argocd: { namespace: string; project: string; server: string };
  flux: { namespace: string; interval: string; applyInterval: string };
}

export const defaultGitops: GitopsSettings = {
  path: 'deploy/overlays/{env}',
  namespace: '{app}-{env}',
  output: 'gitops',
  prerelease: 'rc',
  helm: { values: [] },
  argocd: { namespace: 'argocd', project: 'default', server: 'https://kubernetes.default.svc' },
  flux: { namespace: 'flux-system', interval: '1m', applyInterval: '10m' },
};

/** The environments `trunk-init --envs 2|3 [--prod previous]` writes. */
export function profile(count: 2 | 3, prod: 'stable' | 'previous' = 'stable'): Environment[] {
  if (count === 2)
    return [
      { name: 'qa', track: { kind: 'branch' } },
      { name: 'prod', track: { kind: 'stable' } },
    ];
  if (prod === 'previous')
    return [
      { name: 'dev', track: { kind: 'branch' } },
      { name: 'qa', track: { kind: 'stable' } },
      { name: 'prod', track: { kind: 'previous' } },
    ];
  return [
    { name: 'dev', track: { kind: 'branch' } },
    { name: 'qa', track: { kind: 'candidate' } },
    { name: 'prod', track: { kind: 'stable' } },
  ];
}

/** The range a stable or candidate environment follows. */
export function rangeOf(track: Extract<Track, { kind: 'stable' | 'candidate' }>): string {
  return track.range ?? (track.kind === 'stable' ? '>=0.0.0' : '>=0.0.0-0');
}

/** How the track reads in a table and in manifest annotations: `candidate ">=0.0.0-0"`. */
export function describeTrack(env: Environment, trunk: string): string {
  const { track } = env;
  const base =
    track.kind === 'branch'
      ? `branch ${trunk}`
      : track.kind === 'stable' || track.kind === 'candidate'
        ? `${track.kind} "${rangeOf(track)}"`
        : track.kind;
  return env.pin ? `${base}, pinned` : base;
}

/** With an environment that runs candidates, releases are candidates (vX.Y.Z-rc.N), made stable by promotion. */
export const cutsCandidates = (environments: readonly Environment[]) =>
  environments.some((e) => e.track.kind === 'candidate');

/**
 * How environments[i] moves: with the branch, by `trunk env promote` (a promoted one, or stable after candidate),
 * or with each release.
 */
export function movementOf(environments: readonly Environment[], i: number): Movement {
  const { kind } = environments[i].track;
  if (kind === 'branch') return 'branch';
  return kind === 'promoted' || (kind === 'stable' && environments[i - 1]?.track.kind === 'candidate')
    ? 'promotion'
    : 'release';
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Every problem with the environments, one line each (`environments.1 (prod): …`); `trunk env` adds the warnings. */
export function checkEnvironments(
  environments: readonly Environment[],
  options: { allowMoreThanThree: boolean; tagPrefix: string },
): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  environments.forEach((env, i) => {
    const at = `environments.${i} (${env.name})`;
    if (!DNS_LABEL.test(env.name))
      problems.push(
        `environments.${i}.name "${env.name}" must be a DNS-1123 label: lower-case letters, digits and "-", at most 63`,
      );
    if (seen.has(env.name)) problems.push(`${at}: the name is used twice`);
    seen.add(env.name);
    const { track } = env;
    for (const [key, tag] of [
      ['pin', env.pin],
      ['track.tag', track.kind === 'promoted' ? track.tag : undefined],
    ] as const)
      if (tag !== undefined && parseTag(tag, options.tagPrefix) === null)
        problems.push(`${at}: ${key} "${tag}" is not a release tag such as ${options.tagPrefix}1.4.0`);
    const upstream = environments[i - 1];
    if (track.kind === 'branch' && i > 0) problems.push(`${at}: only the first environment may track the branch`);
    if ((track.kind === 'stable' || track.kind === 'candidate') && track.range !== undefined) {
      const groups = parseRange(track.range);
      if (!groups || !isRange(track.range))
        problems.push(`${at}: track.range "${track.range}" is not a semver range such as "^1"`);
      else if (track.kind === 'candidate' && !groups.every((g) => g.prerelease))
        problems.push(
          `${at}: track.range "${track.range}" has no prerelease part, so it would never match a release candidate; write it like "^1.0.0-0"`,
        );
      else if (track.kind === 'stable' && groups.some((g) => g.prerelease))
        problems.push(
          `${at}: track.range "${track.range}" has a prerelease part, so it would match release candidates; use candidate`,
        );
    }
    if (
      (track.kind === 'stable' || track.kind === 'candidate') &&
      options.tagPrefix !== 'v' &&
      options.tagPrefix !== ''
    )
      problems.push(
        `${at}: Argo CD and Flux read only tags like v1.4.0 as versions, so a ${track.kind} track needs "tagPrefix": "v" (it is "${options.tagPrefix}")`,
      );
    if (track.kind === 'previous' && upstream?.track.kind !== 'stable')
      problems.push(
        `${at}: previous runs the release before the one its upstream runs, so the environment before it must track stable`,
      );
    if (track.kind === 'promoted' && (!upstream || upstream.track.kind === 'branch'))
      problems.push(
        `${at}: promoted takes the tag its upstream runs, so the environment before it must run tags (stable, candidate, previous or promoted)`,
      );
    if (env.promotion) problems.push(...checkPromotion(env.promotion, at, env.name, movementOf(environments, i)));
  });
  if (environments.length > 3 && !options.allowMoreThanThree)
    problems.push(
      `environments has ${environments.length} entries: every long-lived environment costs a cluster, a pipeline stage and a promotion to wait for; keep three at most, or set "allowMoreThanThree": true`,
    );
  return problems;
}

/**
 * Every problem with gitops: apps listed for a gitops.path without `{app}`, or giving names the objects cannot take;
 * a placeholder gitops.render or gitops.helm.values would leave as it is.
 */
export function checkGitops(gitops: GitopsSettings, environments: readonly Environment[]): string[] {
  const problems = [
    ...unknownPlaceholders('gitops.render', gitops.render, RENDER_PLACEHOLDERS),
    ...gitops.helm.values.flatMap((v, i) => unknownPlaceholders(`gitops.helm.values.${i}`, v, ['{env}', '{app}'])),
  ];
  if (gitops.apps === undefined) return problems;
  if (!isPerApp(gitops.path))
    return [
      ...problems,
      `gitops.apps lists apps, but gitops.path "${gitops.path}" has no {app} to put them in; write it like "apps/{app}/overlays/{env}"`,
    ];
  return [
    ...problems,
    ...checkApps(
      appsOf(gitops.apps),
      environments.map((e) => e.name),
    ).map((p) => `gitops.apps: ${p}`),
  ];
}

/** The placeholders gitops.render may use: the workload directory, the environment, the app's directory. */
const RENDER_PLACEHOLDERS = ['{path}', '{env}', '{app}'];

function unknownPlaceholders(key: string, value: string | undefined, known: readonly string[]): string[] {
  const unknown = [...new Set(value?.match(/\{[^{}\s]*\}/g) ?? [])].filter((p) => !known.includes(p));
  return unknown.length
    ? [`${key} "${value}" has ${unknown.join(', ')}, which is not replaced: use ${known.join(', ')}`]
    : [];
}
