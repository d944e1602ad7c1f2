// Writes a release all or nothing: changelog and pointer manifests, release commit, annotated tag, atomic push.
// Each step registers its undo; when a later step fails, the undos run in reverse and the repository is exactly
// as before.
// The release commit is made with plumbing (commit-tree + update-ref on a scratch index): it holds exactly its
// files whatever else is staged, it works inside a post-merge hook (where MERGE_HEAD still exists and
// `git commit` would make a merge), and no commit hook can half-run. pre-push still verifies it.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { releaseCommitMessage } from '../../core/commits/release-commit.js';
import { errors, TrunkError } from '../../errors.js';
import { openRepo, type Env, type Repo } from './repo.js';

export interface ReleaseWrite {
  tag: string;
  notes: string;
  /** The files the release commit changes (changelog, pointer manifests); none: tag `target` without a commit. */
  files: { file: string; content: string }[];
  /** The commit to tag when there are no files; default HEAD. */
  target?: string;
  sign: boolean;
  /** Push the tag, and the trunk with it when named, in one atomic push. */
  push: { remote: string; trunk: string | null } | null;
}

type Undo = () => Promise<unknown> | void;

/** Signing may ask gpg-agent for a passphrase: in CI or without a terminal, give up rather than hang. */
const SIGN_TIMEOUT_MS = 60_000;

/** Commits `files` (already written) on top of `head` without touching anything else; returns the commit. */
async function commitFiles(repo: Repo, env: Env, head: string, files: string[], message: string, undo: Undo[]): Promise<string> {
  const scratchIndex = join(repo.gitDir, 'trunk-release.index');
  const scratch = await openRepo(repo.root, { ...env, GIT_INDEX_FILE: scratchIndex });
  const entries: string[] = [];
  for (const file of files) {
    const mode = (await repo.git(['ls-tree', head, '--', file])).split(' ')[0] || '100644';
    entries.push(`${mode},${(await repo.git(['hash-object', '-w', '--', file])).trim()},${file}`);
  }
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
  // Compare-and-swap: if HEAD moved meanwhile, this fails instead of losing that commit.
  await repo.git(['update-ref', '-m', `trunk release: ${message.split('\n')[0]}`, 'HEAD', commit, head]);
  undo.push(() => repo.git(['update-ref', '-m', 'trunk release: undo', 'HEAD', head, commit]));
  for (const entry of entries) await repo.git(['update-index', '--add', '--cacheinfo', entry]);
  return commit;
}

/** Makes the release; returns the commit the tag points at. Throws after undoing everything on failure. */
export async function writeRelease(repo: Repo, env: Env, release: ReleaseWrite): Promise<string> {
  const undo: Undo[] = [];
  const head = (await repo.git(['rev-parse', 'HEAD'])).trim();
  try {
    let target = release.target ?? head;
    for (const { file, content } of release.files) {
      const path = join(repo.root, file);
      const original = existsSync(path) ? readFileSync(path) : null;
      // The first directory this creates (a new environment's pointer directory), removed again on undo.
      const createdDir = mkdirSync(dirname(path), { recursive: true });
      undo.push(async () => {
        if (original === null) rmSync(createdDir ?? path, { recursive: true, force: true });
        else if (!existsSync(path) || !readFileSync(path).equals(original)) writeFileSync(path, original);
        await repo.git(['reset', '-q', '--', file]);
      });
      writeFileSync(path, content);
    }
    if (release.files.length) target = await commitFiles(repo, env, head, release.files.map((f) => f.file), releaseCommitMessage(release.tag), undo);
    // The notes go through a file: they can exceed the argument limit, and --cleanup=verbatim keeps their
    // "## 1.4.0" headings, which git's default cleanup would strip as comments.
    const messageFile = join(repo.gitDir, 'TRUNK_TAG_MSG');
    writeFileSync(messageFile, release.notes);
    try {
      await repo.git(['tag', release.sign ? '-s' : '-a', '--cleanup=verbatim', '-F', messageFile, release.tag, target], { timeoutMs: SIGN_TIMEOUT_MS });
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
  } catch (err) {
    // Every undo runs, even after one fails; what could not be undone is said, never hidden.
    const failed: unknown[] = [];
    for (const step of undo.reverse()) await Promise.resolve().then(step).catch((undoErr) => failed.push(undoErr));
    throw failed.length ? errors.undoIncomplete(err, failed) : err;
  }
}
