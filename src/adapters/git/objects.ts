// Objects read whole with one `git cat-file --batch`: each comes length-prefixed, so no content can be taken for the
// start of another (a commit message holding a forged header, a blob holding a "<sha> blob <size>" line).
import type { Repo } from './repo.js';

export interface GitObject {
  type: string;
  content: Buffer;
}

/** The objects `names` name (`<sha>`, `<rev>:<path>`), in order; null for one that is missing. */
export async function readObjects(repo: Repo, names: readonly string[]): Promise<(GitObject | null)[]> {
  if (names.length === 0) return [];
  const out = await repo.gitBytes(['cat-file', '--batch'], { input: `${names.join('\n')}\n` });
  const objects: (GitObject | null)[] = [];
  // "<sha> <type> <size>\n<content>\n" per object, or "<name> missing\n".
  for (let at = 0; at < out.length;) {
    const eol = out.indexOf(0x0a, at);
    const header = out.subarray(at, eol).toString('latin1');
    if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
      objects.push(null);
      at = eol + 1;
      continue;
    }
    const [, type, size] = header.split(' ');
    objects.push({ type, content: out.subarray(eol + 1, eol + 1 + Number(size)) });
    at = eol + 2 + Number(size);
  }
  return objects;
}
