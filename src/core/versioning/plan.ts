// The next release: version and tag from the last release tags and the bump of the commits since.
import { gt, inc, lt, parse, prerelease, valid } from 'semver';
import type { Bump } from './bump.js';
import { formatTag, highestTag, parseTag } from './tag.js';

export interface ReleaseOptions {
  tagPrefix: string;
  initialVersion: string;
  /** While the version is 0.x, a breaking change bumps the minor. */
  zeroMajor: boolean;
  /** Cut `<version>-<id>.<n>` instead of a stable release. */
  prereleaseId?: string;
  /** A deliberate version, which must be greater than the last release. */
  releaseAs?: string;
}

export interface LastRelease {
  /** The highest stable release tag reachable from HEAD, or null before the first release. */
  tag: string | null;
  version: string | null;
}

export type ReleasePlan =
  | { kind: 'release'; version: string; tag: string; bump: Bump | null }
  | { kind: 'nothing' }
  | { kind: 'invalid'; reason: string }
  /** Below `above`, a release tag HEAD does not contain (unmerged, or not pulled yet); `instead` is a version above it. */
  | { kind: 'below'; tag: string; above: string; instead: string };

/** The highest stable release among `tags` (names of tags reachable from HEAD). */
export function lastRelease(tags: readonly string[], prefix: string): LastRelease {
  let best: LastRelease = { tag: null, version: null };
  for (const tag of tags) {
    const version = parseTag(tag, prefix);
    if (version && !prerelease(version) && (!best.version || gt(version, best.version))) best = { tag, version };
  }
  return best;
}

/** The highest prerelease tag among `tags` above the last stable release: the candidate a new one would follow. */
export function lastCandidate(tags: readonly string[], prefix: string, last: LastRelease): string | null {
  let best: { tag: string; version: string } | null = null;
  for (const tag of tags) {
    const version = parseTag(tag, prefix);
    if (
      version &&
      prerelease(version) &&
      (!last.version || gt(version, last.version)) &&
      (!best || gt(version, best.version))
    )
      best = { tag, version };
  }
  return best?.tag ?? null;
}

/**
 * The tags that decide the last release and the candidate above it: the highest stable release tag, and the
 * prerelease tags above it. When HEAD reaches that release, it is the last one, and the candidate is lastCandidate's
 * of the prereleases above it that HEAD reaches: no other tag matters, however many HEAD reaches.
 */
export function decidingTags(tags: readonly string[], prefix: string): { top: LastRelease; above: string[] } {
  const top = lastRelease(tags, prefix);
  const above = tags.filter((tag) => {
    const version = parseTag(tag, prefix);
    return version !== null && prerelease(version) !== null && (!top.version || gt(version, top.version));
  });
  return { top, above };
}

/** The next prerelease number for `base` (x.y.z) and `id` among existing tags: never skips, never repeats. */
function nextPrereleaseNumber(tags: readonly string[], prefix: string, base: string, id: string): number {
  let highest = 0;
  for (const tag of tags) {
    const version = parseTag(tag, prefix);
    const parsed = version ? parse(version) : null;
    if (!parsed || `${parsed.major}.${parsed.minor}.${parsed.patch}` !== base) continue;
    const [name, n] = parsed.prerelease;
    if (name === id && typeof n === 'number' && parsed.prerelease.length === 2) highest = Math.max(highest, n);
  }
  return highest + 1;
}

/** Decides the next release; `allTags` are every tag in the repository (prerelease numbers, the highest release). */
export function planRelease(
  last: LastRelease,
  bump: Bump | null,
  allTags: readonly string[],
  options: ReleaseOptions,
): ReleasePlan {
  let version: string | null;
  if (options.releaseAs !== undefined) {
    if (!valid(options.releaseAs) || options.releaseAs !== parse(options.releaseAs)?.version)
      return { kind: 'invalid', reason: `--release-as ${options.releaseAs} is not a semver version such as 2.0.0` };
    if (last.version && !gt(options.releaseAs, last.version))
      return {
        kind: 'invalid',
        reason: `--release-as ${options.releaseAs} is not greater than the last release ${last.tag}`,
      };
    version = options.releaseAs;
  } else if (bump === null) {
    return { kind: 'nothing' };
  } else if (last.version === null) {
    version = options.initialVersion;
  } else {
    const effective = options.zeroMajor && bump === 'major' && parse(last.version)!.major === 0 ? 'minor' : bump;
    version = inc(last.version, effective);
  }
  if (!version) return { kind: 'invalid', reason: `cannot compute the next version after ${last.version}` };
  if (options.prereleaseId) {
    const { major, minor, patch } = parse(version)!;
    const base = `${major}.${minor}.${patch}`;
    version = `${base}-${options.prereleaseId}.${nextPrereleaseNumber(allTags, options.tagPrefix, base, options.prereleaseId)}`;
  }
  const tag = formatTag(options.tagPrefix, version);
  // Environments following the latest release would never deploy a lower one, and the push guard refuses it.
  const top = highestTag(allTags, options.tagPrefix);
  if (top && lt(version, top.version))
    return { kind: 'below', tag, above: top.tag, instead: inc(top.version, bump ?? 'patch')! };
  return { kind: 'release', version, tag, bump };
}
