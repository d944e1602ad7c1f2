// Writes a release all or nothing, under the release lock: changelog and pointer manifests, release commit,
// annotated tag, atomic push (a promotion writes its tag alone). Each step registers its undo; when a later step
// fails, the undos run in reverse and the repository is exactly as before.
// The release commit is made with plumbing (hash-object of the new contents, commit-tree + update-ref on a scratch
// index): it holds exactly its files whatever else is staged, it works inside a post-merge hook (where MERGE_HEAD
// still exists and `git commit` would make a merge), and no commit hook can half-run. pre-push still verifies it.
// The work tree is written only once HEAD is the release commit: a release killed before that (SIGKILL, a
// cancelled CI job) has changed no file; one killed after it leaves a release commit without a tag, which the next
// run completes, bringing the work tree to that commit (settleReleaseFiles).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { releaseCommitMessage } from '../../core/commits/release-commit.js';
import type { ReleaseWrite } from '../../core/versioning/release-write.js';
import { printable } from '../../core/text.js';
import { errors, TrunkError } from '../../errors.js';
import { assertWritable } from '../files/writable.js';
import { withReleaseLock } from './lock.js';
import { openRepo, type Env, type Repo } from './repo.js';

type Undo = () => Promise<unknown> | void;

/** Signing may ask gpg-agent for a passphrase: in CI or without a terminal, give up rather than hang. */
const SIGN_TIMEOUT_MS = 60_000;

/** Modes of a regular file in git; 120000 is a symlink, 160000 a submodule. */
const REGULAR = new Set(['100644', '100755']);

/** `git ls-files -s -z` ("<mode> <blob> <stage>\t<path>") or `git ls-tree -z` ("<mode> <type> <blob>\t<path>") as path → fields. */
const entriesOf = (text: string) =>
  new Map(
    text
      .split('\0')
      .filter(Boolean)
      .map((entry) => {
        const tab = entry.indexOf('\t');
        return [entry.slice(tab + 1), entry.slice(0, tab).split(' ')] as const;
      }),
  );

/**
 * Refuses, before anything is read or written, a release file that is outside the work tree, a symlink (or under
 * one) or not a regular file on disk, or recorded as a symlink or submodule in the index or in `head` (a checkout
 * with core.symlinks=false shows a link as a plain file); returns each file's mode in `head`, if it is there.
 */
async function releaseTargets(repo: Repo, head: string, files: string[]): Promise<Map<string, string>> {
  for (const file of files) assertWritable(repo.root, file);
  if (files.length === 0) return new Map();
  const [inTree, inIndex] = await Promise.all([
    repo.git(['ls-tree', '-z', head, '--', ...files]),
    repo.git(['ls-files', '-s', '-z', '--', ...files]),
  ]);
  const tree = entriesOf(inTree);
  for (const [where, entries] of [
    ['HEAD', tree],
    ['the index', entriesOf(inIndex)],
  ] as const)
    for (const [file, [mode]] of entries)
      if (!REGULAR.has(mode))
        throw errors.notRegularFile(
          file,
          `recorded in ${where} as ${mode === '120000' ? 'a symlink' : `mode ${mode}, not a regular file`}`,
        );
  return new Map([...tree].map(([file, [mode]]) => [file, mode]));
}

interface Prepared {
  file: string;
  /** The file as it is before the release, null when absent. */
  original: Buffer | null;
  content: string;
}

/** Commits `files` (their new contents, not the work tree) on top of `head` without touching anything else; returns the commit. */
async function commitFiles(
  repo: Repo,
  env: Env,
  head: string,
  files: Prepared[],
  headModes: Map<string, string>,
  message: string,
  undo: Undo[],
): Promise<{ commit: string; entries: string[] }> {
  const scratchIndex = join(repo.gitDir, 'trunk-release.index');
  const scratch = await openRepo(repo.root, { ...env, GIT_INDEX_FILE: scratchIndex });
  const entries: string[] = [];
  // --path: the blob gets the clean filters (.gitattributes) the file would get from `git add`.
  for (const { file, content } of files)
    entries.push(
      `${headModes.get(file) ?? '100644'},${(await repo.git(['hash-object', '-w', '--stdin', `--path=${file}`], { input: content })).trim()},${file}`,
    );
  let tree: string;
  try {
    await scratch.git(['read-tree', head]);
    for (const entry of entries) await scratch.git(['update-index', '--add', '--cacheinfo', entry]);
    tree = (await scratch.git(['write-tree'])).trim();
  } finally {
    rmSync(scratchIndex, { force: true });
  }
  const sign = (await repo.git(['config', '--bool', '--get', 'commit.gpgSign'])).trim() === 'true' ? ['-S'] : [];
  const commit = (await repo.git(['commit-tree', tree, '-p', head, '-m', message, ...sign])).trim();
  // The index entries go back to head's once HEAD is back (undos run in reverse: this one last).
  undo.push(() => repo.git(['reset', '-q', '--', ...files.map((f) => f.file)]));
  // Compare-and-swap: if HEAD moved meanwhile, this fails instead of losing that commit.
  await repo.git(['update-ref', '-m', `trunk release: ${message.split('\n')[0]}`, 'HEAD', commit, head]);
  undo.push(() => repo.git(['update-ref', '-m', 'trunk release: undo', 'HEAD', head, commit]));
  return { commit, entries };
}

/** Writes the release files into the work tree (HEAD is already the release commit), each with its undo. */
function writeWorkTree(repo: Repo, files: Prepared[], undo: Undo[]): void {
  for (const { file, original, content } of files) {
    const path = join(repo.root, file);
    // The first directory this creates (a new environment's pointer directory), removed again on undo.
    const createdDir = mkdirSync(dirname(path), { recursive: true });
    undo.push(() => {
      if (original === null) rmSync(createdDir ?? path, { recursive: true, force: true });
      else if (!existsSync(path) || !readFileSync(path).equals(original)) writeFileSync(path, original);
    });
    writeFileSync(path, content);
  }
}

/**
 * Makes the write under the release lock, all or nothing; returns the commit the tag points at. A failure is thrown
 * as errors.writeFailed, after everything done was undone (or said as not fully undone).
 */
export function writeRelease(repo: Repo, env: Env, release: ReleaseWrite): Promise<string> {
  return withReleaseLock(repo, async () => {
    const [head, gpgSign] = await Promise.all([
      repo.git(['rev-parse', 'HEAD']),
      repo.git(['config', '--bool', '--get', 'tag.gpgSign']),
    ]);
    if (release.base && head.trim() !== release.base) throw errors.headMoved();
    const undo: Undo[] = [];
    try {
      return await write(repo, env, { ...release, sign: release.sign || gpgSign.trim() === 'true' }, head.trim(), undo);
    } catch (err) {
      // Every undo runs, even after one fails; what could not be undone is said, never hidden.
      const failed: unknown[] = [];
      for (const step of undo.reverse())
        await Promise.resolve()
          .then(step)
          .catch((undoErr) => failed.push(undoErr));
      throw errors.writeFailed(release.what, release.tag, err, failed);
    }
  });
}

/** The steps of writeRelease, each registering its undo. */
async function write(repo: Repo, env: Env, release: ReleaseWrite, head: string, undo: Undo[]): Promise<string> {
  const headModes = await releaseTargets(
    repo,
    head,
    release.files.map((f) => f.file),
  );
  const files = release.files.map(({ file, content }): Prepared => {
    let original: Buffer | null;
    try {
      original = existsSync(join(repo.root, file)) ? readFileSync(join(repo.root, file)) : null;
    } catch (err) {
      throw errors.unreadableFile(file, err);
    }
    return { file, original, content: content(original && original.toString('utf8')) };
  });
  let target = release.target ?? head;
  if (files.length) {
    const made = await commitFiles(repo, env, head, files, headModes, releaseCommitMessage(release.tag), undo);
    target = made.commit;
    writeWorkTree(repo, files, undo);
    for (const entry of made.entries) await repo.git(['update-index', '--add', '--cacheinfo', entry]);
  }
  // The notes go through a file: they can exceed the argument limit, and --cleanup=verbatim keeps their
  // "## 1.4.0" headings, which git's default cleanup would strip as comments. Whatever they were read from (a
  // changelog section, when an interrupted release is completed), no control character reaches the tag.
  const messageFile = join(repo.gitDir, 'TRUNK_TAG_MSG');
  writeFileSync(messageFile, printable(release.notes));
  try {
    await repo.git(['tag', release.sign ? '-s' : '-a', '--cleanup=verbatim', '-F', messageFile, release.tag, target], {
      timeoutMs: SIGN_TIMEOUT_MS,
    });
  } catch (err) {
    throw release.sign ? errors.signFailed(release.tag, err instanceof TrunkError ? err.message : err) : err;
  } finally {
    rmSync(messageFile, { force: true });
  }
  undo.push(() => repo.git(['tag', '-d', release.tag]));
  if (release.push) {
    const trunk = release.push.trunk ? [`${target}:refs/heads/${release.push.trunk}`] : [];
    await repo.git(['push', '--atomic', '-q', release.push.remote, ...trunk, `refs/tags/${release.tag}`]);
  }
  return target;
}

/**
 * After a release killed between its commit and its tag: the files the release commit (HEAD) changed are brought
 * into the work tree and index where each still holds what HEAD's parent had or what HEAD has (the release had
 * not written it yet, or had); anything else there is someone's later change and left alone, under the release
 * lock. Returns those.
 */
export const settleReleaseFiles = (repo: Repo): Promise<string[]> => withReleaseLock(repo, () => settle(repo));

async function settle(repo: Repo): Promise<string[]> {
  const files = (await repo.git(['diff-tree', '-r', '-z', '--no-commit-id', '--name-only', 'HEAD^', 'HEAD']))
    .split('\0')
    .filter(Boolean);
  if (files.length === 0) return [];
  const blob = async (spec: string) => (await repo.git(['rev-parse', '--verify', '-q', spec])).trim();
  const index = entriesOf(await repo.git(['ls-files', '-s', '-z', '--', ...files]));
  const safe: string[] = [];
  const leftAlone: string[] = [];
  for (const file of files) {
    const released = await blob(`HEAD:${file}`);
    const known = new Set([released, await blob(`HEAD^:${file}`)]); // '' stands for "absent"
    let onDisk: string;
    try {
      assertWritable(repo.root, file);
      onDisk = existsSync(join(repo.root, file)) ? (await repo.git(['hash-object', '--', file])).trim() : '';
    } catch {
      leftAlone.push(file);
      continue;
    }
    const staged = index.get(file)?.[1] ?? '';
    if (onDisk === released && staged === released) continue; // the release had got this far
    (known.has(onDisk) && known.has(staged) ? safe : leftAlone).push(file);
  }
  if (safe.length) await repo.git(['checkout', 'HEAD', '--', ...safe]);
  return leftAlone;
}
