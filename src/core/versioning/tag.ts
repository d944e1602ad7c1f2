// Release tags: `<prefix><semver>`, e.g. v1.4.0.
import { gt, parse } from 'semver';
import { MASTERMINDS_VERSION } from './tool-version.js';

/** A tag that looks like a release (the prefix, then a digit), valid or not. */
export function isReleaseLooking(name: string, prefix: string): boolean {
  return name.startsWith(prefix) && /^\d/.test(name.slice(prefix.length));
}

/** Any spelling a GitOps tool could read as a version, with the `v` in either case: such a tag deploys. */
const VERSION_LIKE = new RegExp(MASTERMINDS_VERSION.source, 'i');

/** A tag the push guard treats as a release: release-looking by the prefix, or readable as a version by a GitOps tool. */
export function isGuardedTag(name: string, prefix: string): boolean {
  return isReleaseLooking(name, prefix) || VERSION_LIKE.test(name);
}

/** The semver version a release tag names, or null when the tag is not a valid release tag. */
export function parseTag(name: string, prefix: string): string | null {
  if (!isReleaseLooking(name, prefix)) return null;
  const rest = name.slice(prefix.length);
  // semver.parse would also take a leading "v", "=" or spaces; a release tag has exactly one spelling.
  if (!/^\d+\.\d+\.\d+[-+0-9A-Za-z.]*$/.test(rest)) return null;
  return parse(rest)?.raw ?? null;
}

export function formatTag(prefix: string, version: string): string {
  return `${prefix}${version}`;
}

/** The highest valid release tag of `prefix` among `tags`, prereleases included, or null. */
export function highestTag(tags: readonly string[], prefix: string): { tag: string; version: string } | null {
  let top: { tag: string; version: string } | null = null;
  for (const tag of tags) {
    const version = parseTag(tag, prefix);
    if (version !== null && (!top || gt(version, top.version))) top = { tag, version };
  }
  return top;
}
