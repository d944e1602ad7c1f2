// How a GitOps tool reads a tag name as a version: Argo CD and Flux both parse it with Masterminds/semver's lenient
// NewVersion, then differ in what they keep (core/gitops/tools/). Free of the semver package, so the tool registry
// stays light for every command that lists the tools.

/**
 * Masterminds' lenient version grammar (NewVersion), which Argo CD and Flux read tag names with: `1`, `v1.2`,
 * `1.2.3-rc.01`, `v1.2.3+build`. Groups: major, minor, patch, prerelease.
 */
export const MASTERMINDS_VERSION =
  /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

const ZERO_PADDED = /^0\d+$/;

export type ToolVersion =
  | { kind: 'version'; version: string }
  /** Not a version for this tool: skipped. */
  | { kind: 'skip' }
  /** A version the tool cannot parse in a way that aborts the lookup (Argo CD: zero-padded prerelease number). */
  | { kind: 'fatal' };

/** What resolving a range needs of a GitOps tool: how it reads a tag name, and its name for messages. */
export interface TagReader {
  /** As people write it: "Argo CD". */
  label: string;
  /** How the tool reads the tag `name`, as a node-semver version string. */
  readTag(name: string): ToolVersion;
}

/** A tag name as Masterminds' lenient NewVersion splits it (`v1.2`: no patch), or null when it is no version at all. */
export interface VersionParts {
  major: string;
  minor?: string;
  patch?: string;
  pre?: string;
}

export function versionParts(name: string): VersionParts | null {
  const m = MASTERMINDS_VERSION.exec(name);
  if (!m) return null;
  const [, major, minor, patch, pre] = m;
  return { major, minor, patch, pre };
}

/** A prerelease part with a zero-padded number (`-rc.01`), which strict semver refuses. */
export const hasZeroPaddedPrerelease = (v: VersionParts) => (v.pre?.split('.') ?? []).some((p) => ZERO_PADDED.test(p));

/** The parts as a version, a missing minor or patch read as 0 and leading zeros dropped: `v01.2` is 1.2.0. */
export function versionOf(v: VersionParts): ToolVersion {
  const core = [v.major, v.minor ?? '0', v.patch ?? '0'].map((n) => String(Number(n))).join('.');
  return { kind: 'version', version: v.pre ? `${core}-${v.pre}` : core };
}
