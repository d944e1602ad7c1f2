// What a kustomization reads beyond its own directory: the entries that name other directories (bases, components)
// or files, each resolved inside the repository. With Kustomize's default load restrictor a kustomization reads files
// only under its own directory, but a directory it names may be anywhere: so the tree to copy is the directories
// these entries reach, and an entry outside the repository, or a URL (a remote base Kustomize would fetch), is refused.
import { isMap, readDocuments } from './objects.js';

/** The names Kustomize looks for in a directory, in its order. */
export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** The kustomization fields whose entries name files or directories (an inline object is not a path). */
const PATH_FIELDS = ['resources', 'bases', 'components', 'generators', 'transformers', 'validators'];

/** The entries of a kustomization (`source`: its file, at a ref) that name another file or directory. */
export function kustomizationEntries(text: string, source: string): string[] {
  const [document] = readDocuments(text, source);
  if (!isMap(document)) return [];
  return PATH_FIELDS.flatMap((field) => {
    const value = document[field];
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  });
}

/**
 * An entry Kustomize would fetch when no such path exists (it tries the local path first): a URL (`https://…`,
 * `ssh://…`, `file://…`), an scp-like git address (`git@github.com:…`), `github.com/org/repo//path`, a `?ref=` query.
 */
export const isRemote = (entry: string) =>
  /^[a-z][a-z0-9+.-]*:\/\//i.test(entry) ||
  /^[^/\s]+@[^/\s]+:/.test(entry) ||
  /\?(ref|version|timeout|submodules)=/.test(entry) ||
  /^[^./][^/]*\.[a-z]{2,}\/[^/]+\/[^/]+/i.test(entry);

/** `entry` (relative to `dir`) as a path from the repository's root, or null when it is absolute or leaves it. */
export function resolveEntry(dir: string, entry: string): string | null {
  if (entry.startsWith('/')) return null;
  const parts: string[] = dir ? dir.split('/') : [];
  for (const part of entry.split('/')) {
    if (part === '' || part === '.') continue;
    if (part !== '..') parts.push(part);
    else if (parts.pop() === undefined) return null;
  }
  return parts.join('/');
}
