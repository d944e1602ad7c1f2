// Where trunk-init may write: regular files inside the work tree, reached through no symlink. A file or directory
// that is a link (a pull request can commit one) would make the write land outside the repository, and the next
// commit record the link.
import { lstatSync } from 'node:fs';
import { isAbsolute, join, normalize, sep } from 'node:path';
import { errors } from '../../errors.js';

/** Throws unless `path`, relative to the top of the work tree, names something inside it. */
export function assertInside(path: string): void {
  const relative = normalize(path);
  if (isAbsolute(relative) || relative === '..' || relative.startsWith(`..${sep}`))
    throw errors.outsideRepository(path);
}

/**
 * Throws unless `path` (relative to `root`) stays inside `root`, no directory on the way to it is a symlink, and it
 * is absent or a regular file. Checked on the disk as it is now: call it just before reading or writing.
 */
export function assertWritable(root: string, path: string): void {
  assertInside(path);
  const parts = normalize(path).split(sep);
  for (let depth = 1; depth <= parts.length; depth++) {
    const part = parts.slice(0, depth).join(sep);
    let stat;
    try {
      stat = lstatSync(join(root, part));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return; // nothing there yet: the write creates it
      throw err;
    }
    const last = depth === parts.length;
    if (stat.isSymbolicLink())
      throw errors.notRegularFile(path, last ? 'a symlink' : `under the symlink ${part}`, part);
    if (last && !stat.isFile()) throw errors.notRegularFile(path, 'not a regular file');
  }
}
