// A commit's tree read from git objects alone (never the work tree, never a checkout, so no filter, hook or
// attribute of the repository runs): the entries under some paths, and what kind of object a path names.
import { readObjects } from './objects.js';
import type { Repo } from './repo.js';

export interface TreeEntry {
  /** 100644, 100755, 120000 (a symlink: its blob is the target), 160000 (a submodule), 040000. */
  mode: string;
  type: string;
  sha: string;
  /** From the repository's root. */
  path: string;
}

/**
 * The entries at `rev` under `paths` (the whole tree when null): with `recursive`, every file below each path (a
 * file's own entry for a file); else the entries directly in each path, a directory.
 */
export async function listTree(
  repo: Repo,
  rev: string,
  paths: readonly string[] | null,
  recursive: boolean,
): Promise<TreeEntry[]> {
  if (paths !== null && paths.length === 0) return [];
  // The root ('') is the whole tree: no path to name.
  const named = paths === null || paths.includes('') ? [] : paths.map((p) => (recursive ? p : `${p}/`));
  const out = await repo.git([
    '--literal-pathspecs',
    'ls-tree',
    '-z',
    '--full-tree',
    ...(recursive ? ['-r'] : []),
    rev,
    ...(named.length ? ['--', ...named] : []),
  ]);
  return out
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const tab = line.indexOf('\t');
      const [mode, type, sha] = line.slice(0, tab).split(' ');
      return { mode, type, sha, path: line.slice(tab + 1) };
    });
}

/** The object each of `paths` names at `rev` (its type and id), or null when there is nothing there. */
export async function pathObjects(
  repo: Repo,
  rev: string,
  paths: readonly string[],
): Promise<({ type: string; sha: string } | null)[]> {
  // A path holding a newline would read as two requests to cat-file: such a path names nothing here.
  const asked = paths.filter((p) => !/[\n\r\0]/.test(p));
  const out = asked.length
    ? await repo.git(['cat-file', '--batch-check=%(objecttype) %(objectname)'], {
        input: `${asked.map((p) => `${rev}:${p}`).join('\n')}\n`,
      })
    : '';
  // "<type> <sha>" per path, or "<name> missing" (and "ambiguous"), which "<type> <sha>" never ends with.
  const answers = new Map(
    out
      .split('\n')
      .slice(0, asked.length)
      .map((line, i) => [asked[i], / (missing|ambiguous)$/.test(line) ? null : line.split(' ')] as const),
  );
  return paths.map((p) => {
    const answer = answers.get(p);
    return answer ? { type: answer[0], sha: answer[1] } : null;
  });
}

/** The contents of the blobs `shas`, in order. */
export async function readBlobs(repo: Repo, shas: readonly string[]): Promise<Buffer[]> {
  return (await readObjects(repo, shas)).map((o) => o?.content ?? Buffer.alloc(0));
}
