// The copy of a commit's files a renderer reads: written from git objects into a temporary directory (the user's
// work tree is never switched or touched), regular files without their executable bit, no submodule, and a symlink
// only when it stays inside the copy: one pointing out of it (`/etc/passwd`, `../../..`, a chain of links that
// climbs out) is refused, since a renderer following it would print a file of this machine into a pull request.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { resolveEntry } from '../../core/render/kustomize.js';
import { errors } from '../../errors.js';
import { readBlobs, type TreeEntry } from '../git/tree.js';
import type { Repo } from '../git/repo.js';

export interface Scratch {
  /** Where the copy of the tree goes. */
  tree: string;
  /** The renderer's HOME: its caches and config start empty, none of the user's. */
  home: string;
}

/** Runs `fn` with a fresh temporary directory, removed afterwards whatever happens. */
export async function withScratch<T>(fn: (scratch: Scratch) => Promise<T>): Promise<T> {
  const root = mkdtempSync(join(tmpdir(), 'trunk-render-'));
  try {
    const scratch = { tree: join(root, 'tree'), home: join(root, 'home') };
    mkdirSync(scratch.tree);
    mkdirSync(scratch.home);
    return await fn(scratch);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** A path git may hold in a crafted tree but that must not be written: empty, `.`, `..` or `.git` steps. */
const unsafe = (path: string) =>
  path.startsWith('/') ||
  path.split('/').some((s) => s === '' || s === '.' || s === '..' || s.toLowerCase() === '.git');

const inside = (root: string, path: string) => path === root || path.startsWith(root + sep);

/** Writes `entries` (listed at `rev`, which `label` names in errors) under `root`. */
export async function writeTree(repo: Repo, label: string, entries: readonly TreeEntry[], root: string): Promise<void> {
  for (const e of entries) if (unsafe(e.path) || /\0/.test(e.path)) throw errors.renderUnsafePath(e.path, label);
  const files = entries.filter((e) => e.type === 'blob' && e.mode !== '120000');
  const links = entries.filter((e) => e.type === 'blob' && e.mode === '120000');
  const [contents, targets] = await Promise.all([
    readBlobs(
      repo,
      files.map((e) => e.sha),
    ),
    readBlobs(
      repo,
      links.map((e) => e.sha),
    ),
  ]);
  const made = new Set<string>();
  const dir = (path: string) => {
    const parent = dirname(path);
    if (!made.has(parent)) (mkdirSync(join(root, parent), { recursive: true }), made.add(parent));
  };
  // Every file before any link, so no file is ever written through one.
  files.forEach((e, i) => (dir(e.path), writeFileSync(join(root, e.path), contents[i], { mode: 0o644 })));
  links.forEach((e, i) => {
    const target = targets[i].toString('utf8');
    if (resolveEntry(dirname(e.path) === '.' ? '' : dirname(e.path), target) === null)
      throw errors.renderSymlinkEscape(e.path, label, target);
    dir(e.path);
    symlinkSync(target, join(root, e.path));
  });
  // Each link on its own stays inside; through one another (l → .., then x → l/../../../..) they could still leave.
  // The kernel's resolution decides (realpath.native): node's own realpath reads `..` after a link as text.
  const real = realpathSync.native(root);
  for (const [i, e] of links.entries()) {
    let resolved: string;
    try {
      resolved = realpathSync.native(join(root, e.path));
    } catch {
      continue; // dangling: it names nothing a renderer could read
    }
    if (!inside(real, resolved)) throw errors.renderSymlinkEscape(e.path, label, targets[i].toString('utf8'));
  }
}
