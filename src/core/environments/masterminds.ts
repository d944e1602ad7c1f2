// Which tag a semver range resolves to in a GitOps tool that uses Masterminds/semver, not npm's rules (Argo CD and
// Flux do): the highest matching tag wins; a `||` group matches prereleases (of every version) only when one of its
// versions has a prerelease part; `*-0` means `>=0.0.0-0` (Masterminds' constraints.go and version.go, verified in Go
// against Masterminds/semver v3.4.0). Which tag names count as versions is each tool's own reading: its readTag, in
// core/gitops/tools/ (versioning/tool-version.ts has the parts it is built from).
import { compare, satisfies, validRange } from 'semver';
import { MASTERMINDS_VERSION, type TagReader } from '../versioning/tool-version.js';

/** A `||` group has a prerelease comparator when one of its versions carries `-…` (not the ` - ` of a hyphen range). */
const hasPrerelease = (group: string) => /\d[0-9A-Za-z.]*-[0-9A-Za-z]/.test(group) || /\*-/.test(group);

/** The range as node-semver groups, each with whether it matches prereleases; null when not a valid range. */
export function parseRange(range: string): { range: string; prerelease: boolean }[] | null {
  const groups = range.split('||').map((g) =>
    g
      .trim()
      .replaceAll(',', ' ')
      .replace(/^\*-0$/, '>=0.0.0-0'),
  );
  const parsed = groups.map((g) => ({ range: g === '' ? '*' : g, prerelease: hasPrerelease(g) }));
  return parsed.every((g) => validRange(g.range, { includePrerelease: g.prerelease }) !== null) ? parsed : null;
}

/** A single version (`v1.4.0`, `1.4`): Argo CD treats it as a pin, not a range. */
export const isExactVersion = (spec: string) => MASTERMINDS_VERSION.test(spec.trim());

/** A spec Argo CD treats as a range: not an exact version, and a valid constraint. */
export const isRange = (spec: string) => !isExactVersion(spec) && parseRange(spec) !== null;

export type Resolution =
  | { kind: 'tag'; tag: string; version: string }
  | { kind: 'none' }
  /** Argo CD fails to resolve any range in this repository because of `tag`. */
  | { kind: 'broken'; tag: string };

/** The tag `tool` resolves `range` to among `tags`: the highest match, as Masterminds/semver decides. */
export function resolveRange(range: string, tags: readonly string[], tool: TagReader): Resolution {
  const groups = parseRange(range);
  if (!groups) return { kind: 'none' };
  let best: { tag: string; version: string } | null = null;
  for (const tag of tags) {
    const read = tool.readTag(tag);
    if (read.kind === 'fatal') return { kind: 'broken', tag };
    if (read.kind === 'skip') continue;
    const matches = groups.some((g) => satisfies(read.version, g.range, { includePrerelease: g.prerelease }));
    if (matches && (!best || compare(read.version, best.version) > 0)) best = { tag, version: read.version };
  }
  return best ? { kind: 'tag', ...best } : { kind: 'none' };
}
