// Release tags: `<prefix><semver>`, e.g. v1.4.0.
import { parse } from 'semver';

/** A tag that looks like a release (the prefix, then a digit), valid or not. */
export function isReleaseLooking(name: string, prefix: string): boolean {
  return name.startsWith(prefix) && /^\d/.test(name.slice(prefix.length));
}

/**
 * Any spelling Argo CD or Flux could read as a version: Masterminds' lenient grammar (`1`, `v1.2`, `1.2.3-rc.01`,
 * `v1.2.3+build`), with the `v` in either case. Such a tag deploys, whatever the configured prefix.
 */
const VERSION_LIKE = /^v?\d+(?:\.\d+){0,2}(?:-[0-9a-z-]+(?:\.[0-9a-z-]+)*)?(?:\+[0-9a-z-]+(?:\.[0-9a-z-]+)*)?$/i;

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
