// Which tag a semver range resolves to in Argo CD and in Flux. Both use Masterminds/semver, not npm's rules:
// the highest matching tag wins; a `||` group matches prereleases (of every version) only when one of its
// versions has a prerelease part; `*-0` means `>=0.0.0-0`. They differ in which tag names count as versions:
// Argo CD reads `v1.2` as 1.2.0 and aborts the whole lookup on a zero-padded prerelease number (`-rc.01`);
// Flux skips every tag without exactly three numeric parts (Masterminds' constraints.go and version.go, Argo CD's
// MaxVersion loop, source-controller's cloneSemVer; verified in Go against Masterminds/semver v3.4.0).
import { compare, satisfies, validRange } from 'semver';
import { MASTERMINDS_VERSION } from '../versioning/tag.js';

export type GitopsTool = 'argocd' | 'flux';

const ZERO_PADDED = /^0\d+$/;

export type ToolVersion =
  | { kind: 'version'; version: string }
  /** Not a version for this tool: skipped. */
  | { kind: 'skip' }
  /** A version the tool cannot parse in a way that aborts the lookup (Argo CD: zero-padded prerelease number). */
  | { kind: 'fatal' };

/** How `tool` reads the tag `name`, as a node-semver version string. */
export function toolVersion(name: string, tool: GitopsTool): ToolVersion {
  const m = MASTERMINDS_VERSION.exec(name);
  if (!m) return { kind: 'skip' };
  const [, major, minor, patch, pre] = m;
  const preParts = pre?.split('.') ?? [];
  if (tool === 'flux' && (minor === undefined || patch === undefined)) return { kind: 'skip' };
  if (preParts.some((p) => ZERO_PADDED.test(p))) return tool === 'argocd' ? { kind: 'fatal' } : { kind: 'skip' };
  const core = [major, minor ?? '0', patch ?? '0'].map((n) => String(Number(n))).join('.');
  return { kind: 'version', version: pre ? `${core}-${pre}` : core };
}

/** A `||` group has a prerelease comparator when one of its versions carries `-…` (not the ` - ` of a hyphen range). */
const hasPrerelease = (group: string) => /\d[0-9A-Za-z.]*-[0-9A-Za-z]/.test(group) || /\*-/.test(group);

/** The range as node-semver groups, each with whether it matches prereleases; null when not a valid range. */
export function parseRange(range: string): { range: string; prerelease: boolean }[] | null {
  const groups = range.split('||').map((g) => g.trim().replaceAll(',', ' ').replace(/^\*-0$/, '>=0.0.0-0'));
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
export function resolveRange(range: string, tags: readonly string[], tool: GitopsTool): Resolution {
  const groups = parseRange(range);
  if (!groups) return { kind: 'none' };
  let best: { tag: string; version: string } | null = null;
  for (const tag of tags) {
    const read = toolVersion(tag, tool);
    if (read.kind === 'fatal') return { kind: 'broken', tag };
    if (read.kind === 'skip') continue;
    const matches = groups.some((g) => satisfies(read.version, g.range, { includePrerelease: g.prerelease }));
    if (matches && (!best || compare(read.version, best.version) > 0)) best = { tag, version: read.version };
  }
  return best ? { kind: 'tag', ...best } : { kind: 'none' };
}
