// Where each environment points: the literal spec its GitOps tool is given, and the tag or commit that spec
// resolves to in this repository, answered the way the GitOps tool will answer it (masterminds.ts, its readTag).
import type { TagReader } from '../versioning/tool-version.js';
import { resolveRange } from './masterminds.js';
import { rangeOf, type Environment } from './model.js';

export interface TagFact {
  name: string;
  /** The commit the tag points at, peeled. */
  sha: string;
  /** Unix seconds: the tag's date (annotated) or its commit's date. */
  date: number;
  onTrunk: boolean;
}

export interface RefFacts {
  trunk: string;
  tagPrefix: string;
  /** null when the trunk has no commit here. */
  trunkSha: string | null;
  trunkDate: number;
  /** The trunk as `<last tag>+<commits since>`, git-describe style. */
  trunkVersion: string | null;
  tags: TagFact[];
}

/** What the GitOps tool is told: the branch, a range it resolves itself, or an exact tag we write. */
export type Spec =
  | { kind: 'branch'; value: string }
  | { kind: 'range'; value: string }
  | { kind: 'exact'; value: string }
  /** A pinned track with nothing to pin yet (no previous release, never promoted). */
  | { kind: 'none'; reason: string };

export type EnvRef = { env: Environment; spec: Spec } & (
  | { kind: 'branch'; sha: string; date: number; version: string | null }
  | { kind: 'tag'; tag: string; sha: string; date: number; version: string; onTrunk: boolean }
  | { kind: 'unresolved'; reason: string }
);

const brokenReason = (tag: string) =>
  `Argo CD cannot resolve any range in this repository: tag ${tag} has a zero-padded prerelease number`;

/** The spec of environments[i]; `previous` is computed from what its upstream resolves to among `tags`. */
export function specOf(
  environments: readonly Environment[],
  i: number,
  trunk: string,
  tags: readonly string[],
  tool: TagReader,
): Spec {
  const env = environments[i];
  if (env.pin) return { kind: 'exact', value: env.pin };
  const { track } = env;
  switch (track.kind) {
    case 'branch':
      return { kind: 'branch', value: trunk };
    case 'stable':
    case 'candidate':
      return { kind: 'range', value: rangeOf(track) };
    case 'promoted':
      return track.tag
        ? { kind: 'exact', value: track.tag }
        : { kind: 'none', reason: `nothing promoted to ${env.name} yet: run trunk env promote ${env.name}` };
    case 'previous': {
      // The release before the latest the upstream's track gives: a pin on the upstream (a rollback) does not move it.
      const upstream = environments[i - 1]?.track;
      if (upstream?.kind !== 'stable')
        return { kind: 'none', reason: `${env.name} runs the release before its upstream's, which tracks no releases` };
      const latest = resolveRange(rangeOf(upstream), tags, tool);
      if (latest.kind === 'broken') return { kind: 'none', reason: brokenReason(latest.tag) };
      if (latest.kind === 'none')
        return { kind: 'none', reason: `no release yet: ${env.name} gets one at the second release` };
      const below = resolveRange(`>=0.0.0 <${latest.version}`, tags, tool);
      if (below.kind !== 'tag')
        return {
          kind: 'none',
          reason: `only one release (${latest.tag}) yet: ${env.name} gets one at the next release`,
        };
      return { kind: 'exact', value: below.tag };
    }
  }
}

/** Every environment's resolved ref, in promotion order. */
export function resolveEnvironments(environments: readonly Environment[], facts: RefFacts, tool: TagReader): EnvRef[] {
  const names = facts.tags.map((t) => t.name);
  const byName = new Map(facts.tags.map((t) => [t.name, t]));
  const tagRef = (env: Environment, spec: Spec, tag: TagFact, version: string): EnvRef => ({
    env,
    spec,
    kind: 'tag',
    tag: tag.name,
    sha: tag.sha,
    date: tag.date,
    version,
    onTrunk: tag.onTrunk,
  });
  return environments.map((env, i) => {
    const spec = specOf(environments, i, facts.trunk, names, tool);
    switch (spec.kind) {
      case 'none':
        return { env, spec, kind: 'unresolved', reason: spec.reason };
      case 'branch':
        return facts.trunkSha
          ? { env, spec, kind: 'branch', sha: facts.trunkSha, date: facts.trunkDate, version: facts.trunkVersion }
          : { env, spec, kind: 'unresolved', reason: `${facts.trunk} has no commit here` };
      case 'exact': {
        const tag = byName.get(spec.value);
        return tag
          ? tagRef(env, spec, tag, spec.value.slice(facts.tagPrefix.length))
          : { env, spec, kind: 'unresolved', reason: `tag ${spec.value} does not exist` };
      }
      case 'range': {
        const found = resolveRange(spec.value, names, tool);
        if (found.kind === 'broken') return { env, spec, kind: 'unresolved', reason: brokenReason(found.tag) };
        if (found.kind === 'none') {
          const how =
            env.track.kind === 'stable' && environments[i - 1]?.track.kind === 'candidate'
              ? `promote a candidate: trunk env promote ${env.name}`
              : 'cut a release: trunk release';
          return {
            env,
            spec,
            kind: 'unresolved',
            reason: `no tag matches "${spec.value}" yet (${tool.label} reports an error until one does); ${how}`,
          };
        }
        return tagRef(env, spec, byName.get(found.tag)!, found.version);
      }
    }
  });
}

/** The tag environments[i] runs among `tags` as its tool resolves them (null: the branch, or nothing). */
export function runsAmong(
  environments: readonly Environment[],
  i: number,
  trunk: string,
  tags: readonly string[],
  tool: TagReader,
) {
  const spec = specOf(environments, i, trunk, tags, tool);
  if (spec.kind === 'exact') return spec.value;
  if (spec.kind !== 'range') return null;
  const found = resolveRange(spec.value, tags, tool);
  return found.kind === 'tag' ? found.tag : null;
}

/** The environments a new tag `tag` moves: each one that runs another tag once it exists (a `previous` one too). */
export function movedBy(
  environments: readonly Environment[],
  trunk: string,
  tags: readonly string[],
  tag: string,
  tool: TagReader,
): Environment[] {
  const after = [...tags, tag];
  return environments.filter(
    (_, i) => runsAmong(environments, i, trunk, tags, tool) !== runsAmong(environments, i, trunk, after, tool),
  );
}
