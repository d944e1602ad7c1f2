// What promoting an environment means: take what its upstream runs. A stable environment fed by candidates
// gets the candidate's very commit tagged with the stable version (no rebuild: the commit qa verified is the
// one prod runs); a promoted environment's exact tag moves to the upstream's tag.
import { gt, parse, prerelease } from 'semver';
import { formatTag } from '../versioning/tag.js';
import type { EnvRef } from './resolve.js';

export type Promotion =
  | { kind: 'tag'; env: string; from: string; tag: string; version: string; sha: string; upstreamTag: string }
  | { kind: 'pin'; env: string; from: string; tag: string; sha: string; previousTag: string | null }
  | { kind: 'refuse'; reason: string; fix: string };

export const short = (sha: string) => sha.slice(0, 7);

/** How environment `name` would be promoted from the one before it, or why it cannot be. */
export function planPromotion(
  refs: readonly EnvRef[],
  name: string,
  options: { tagPrefix: string; allTags: readonly string[]; trunk: string },
): Promotion {
  const i = refs.findIndex((r) => r.env.name === name);
  if (i < 0)
    return {
      kind: 'refuse',
      reason: `there is no environment "${name}" (${refs.map((r) => r.env.name).join(', ')})`,
      fix: 'name one from the "environments" setting',
    };
  const target = refs[i];
  const up = refs[i - 1];
  if (!up)
    return {
      kind: 'refuse',
      reason: `${name} is the first environment: nothing comes before it to promote from`,
      fix: `it follows ${target.env.track.kind === 'branch' ? options.trunk : 'its track'} by itself`,
    };
  if (target.env.pin)
    return {
      kind: 'refuse',
      reason: `${name} is pinned to ${target.env.pin}`,
      fix: `unpin it first: trunk env unpin ${name}`,
    };
  if (up.kind === 'unresolved')
    return {
      kind: 'refuse',
      reason: `${up.env.name} runs nothing yet (${up.reason})`,
      fix: 'cut a release first: trunk release',
    };
  const track = target.env.track;
  if (track.kind === 'stable' && up.env.track.kind === 'candidate' && up.kind === 'tag') {
    const parsed = parse(up.version)!;
    const version = `${parsed.major}.${parsed.minor}.${parsed.patch}`;
    const tag = formatTag(options.tagPrefix, version);
    if (!prerelease(up.version))
      return {
        kind: 'refuse',
        reason: `${up.env.name} runs ${up.tag}, which is already a release: nothing new to promote`,
        fix: 'cut the next release candidate first: trunk release',
      };
    if (!up.onTrunk)
      return {
        kind: 'refuse',
        reason: `${up.env.name}'s candidate ${up.tag} is not on ${options.trunk}, and releases are cut from ${options.trunk} only`,
        fix: `tag a candidate on ${options.trunk}: trunk release`,
      };
    if (options.allTags.includes(tag))
      return {
        kind: 'refuse',
        reason: `${tag} already exists`,
        fix: `see what it is: git show ${tag}; then cut the next candidate: trunk release`,
      };
    if (target.kind === 'tag' && !gt(version, target.version))
      return {
        kind: 'refuse',
        reason: `${version} is not above ${target.version}, which ${name} runs`,
        fix: 'cut a candidate of a higher version: trunk release',
      };
    return { kind: 'tag', env: name, from: up.env.name, tag, version, sha: up.sha, upstreamTag: up.tag };
  }
  if (track.kind === 'promoted') {
    if (up.kind !== 'tag')
      return {
        kind: 'refuse',
        reason: `${up.env.name} runs ${options.trunk}, not a tag`,
        fix: 'promote from an environment that runs tags',
      };
    if (target.kind === 'tag' && target.tag === up.tag)
      return {
        kind: 'refuse',
        reason: `${name} already runs ${up.tag}: nothing new to promote`,
        fix: 'release something new first: trunk release',
      };
    return {
      kind: 'pin',
      env: name,
      from: up.env.name,
      tag: up.tag,
      sha: up.sha,
      previousTag: target.kind === 'tag' ? target.tag : null,
    };
  }
  const how =
    track.kind === 'previous'
      ? `${name} moves by itself at the next release (it runs the release before ${up.env.name}'s)`
      : `${name} follows ${track.kind === 'branch' ? options.trunk : `the ${track.kind} range`} by itself`;
  return {
    kind: 'refuse',
    reason: `${name} is not promoted by hand: ${how}`,
    fix: up.kind === 'branch' ? `release what ${up.env.name} runs: trunk release` : 'see what is waiting: trunk env',
  };
}

/** The one line that says what the next step of a promotion is. */
export function describePromotion(p: Exclude<Promotion, { kind: 'refuse' }>): string {
  return p.kind === 'tag'
    ? `trunk env promote ${p.env} → tags ${short(p.sha)} (${p.upstreamTag}, what ${p.from} runs) as ${p.tag}`
    : `trunk env promote ${p.env} → moves ${p.env} from ${p.previousTag ?? 'nothing'} to ${p.tag} (what ${p.from} runs)`;
}
