// Release tags: `<prefix><semver>`, e.g. v1.4.0.
import { parse } from 'semver';

/** A tag that looks like a release (the prefix, then a digit), valid or not. */
export function isReleaseLooking(name: string, prefix: string): boolean {
  return name.startsWith(prefix) && /^\d/.test(name.slice(prefix.length));
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
