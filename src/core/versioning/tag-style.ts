// How a repository spells its release tags, v1.2.3 or 1.2.3: the two spellings Argo CD and Flux read as versions.
import { gt } from 'semver';
import { highestTag, parseTag } from './tag.js';

const SPELLINGS = ['v', ''] as const;

/**
 * The tagPrefix for a repository's existing release tags: "" when its highest release has no prefix (1.2.3), "v"
 * otherwise; with a note when that is not the default, or when both spellings hold releases.
 */
export function tagStyle(tags: readonly string[]): { prefix: string; note: string | null } {
  const [v, bare] = SPELLINGS.map((prefix) => ({
    top: highestTag(tags, prefix),
    count: tags.filter((t) => parseTag(t, prefix) !== null).length,
  }));
  const prefix = bare.top && (!v.top || gt(bare.top.version, v.top.version)) ? '' : 'v';
  if (v.top && bare.top) {
    const top = prefix === '' ? bare.top : v.top;
    return {
      prefix,
      note: `tagPrefix "${prefix}": release tags in two spellings, ${v.count} like ${v.top.tag} and ${bare.count} like ${bare.top.tag}; the highest, ${top.tag}, decides`,
    };
  }
  return { prefix, note: bare.top ? `tagPrefix "": your release tags have no prefix (${bare.top.tag})` : null };
}

/**
 * The highest tag in the other spelling (v1.2.3 when `prefix` is "", 1.2.3 otherwise) that names a version above
 * `version`, and its prefix: a sign the releases are tagged otherwise than "tagPrefix" says. Null when there is none.
 */
export function higherElsewhere(
  tags: readonly string[],
  prefix: string,
  version: string,
): { tag: string; prefix: string } | null {
  let found: { tag: string; prefix: string; version: string } | null = null;
  for (const other of SPELLINGS.filter((p) => p !== prefix)) {
    const top = highestTag(tags, other);
    if (top && gt(top.version, version) && (!found || gt(top.version, found.version)))
      found = { ...top, prefix: other };
  }
  return found && { tag: found.tag, prefix: found.prefix };
}
