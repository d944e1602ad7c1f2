// What `trunk release` reads before deciding: where HEAD is, which tags exist, and the commits since the last release.
import type { Policy } from '../../core/policy/policy.js';
import { releaseTagOf } from '../../core/commits/release-commit.js';
import { latestSection } from '../../core/notes/changelog.js';
import { createAnalyzer, type Analysis } from '../../core/versioning/analysis.js';
import { parseTag } from '../../core/versioning/tag.js';
import { errors } from '../../errors.js';
import { assertInside } from '../files/writable.js';
import { streamLog } from './log.js';
import { lines, originUrl, tagNames, type Repo } from './repo.js';
import { currentBranch } from './state.js';

export interface ReleaseFacts {
  branch: string | null;
  /** The commit the release is decided at: HEAD, or the merge a pull request would make (trunk check --summary). */
  head: string;
  shallow: boolean;
  /** Tags (names) whose commit `head` contains. */
  reachableTags: string[];
  /** Every tag in the repository, for prerelease numbering and "tag exists". */
  allTags: string[];
  /** `head` is already released: a release commit, or a release tag points at it. */
  headReleased: boolean;
  /** `head` is a release commit whose tag does not exist: a release interrupted between commit and tag. */
  interrupted: string | null;
  originUrl: string | null;
  /** The changelog file has uncommitted changes (staged, unstaged or untracked). */
  changelogDirty: boolean;
  /** Some of the `pointers` paths asked about (the config, the pointer manifests a release rewrites) have uncommitted changes. */
  pointersDirty: boolean;
}

/**
 * The facts at `rev` (HEAD unless given; the work tree's state is read all the same). `tags`: the repository's tag
 * names, when the caller has asked git for them already.
 */
export async function readReleaseFacts(
  repo: Repo,
  policy: Policy,
  pointers: readonly string[] = [],
  rev = 'HEAD',
  tags: Promise<string[]> = tagNames(repo),
): Promise<ReleaseFacts> {
  const file = policy.changelog.file;
  if (file) assertInside(file); // before git is asked about it, which would fail less clearly
  const head = (await repo.git(['rev-parse', '--verify', '-q', `${rev}^{commit}`])).trim();
  if (!head) throw errors.noCommits();
  // --no-optional-locks: a status must not take the index lock a concurrent release needs.
  const status = (paths: readonly string[]) =>
    paths.length ? repo.git(['--no-optional-locks', 'status', '--porcelain', '--', ...paths]) : Promise.resolve('');
  const [shallow, reachable, all, atHead, headMessage, origin, changelog, pointerStatus] = await Promise.all([
    repo.git(['rev-parse', '--is-shallow-repository']),
    repo.git(['tag', '--merged', head]),
    tags,
    repo.git(['tag', '--points-at', head]),
    repo.git(['log', '-1', '--format=%B', head]),
    originUrl(repo),
    status(file ? [file] : []),
    status(pointers),
  ]);
  const releaseTag = releaseTagOf(headMessage);
  return {
    branch: currentBranch(repo.gitDir),
    head,
    shallow: shallow.trim() === 'true',
    reachableTags: lines(reachable),
    allTags: all,
    headReleased: releaseTag !== null || lines(atHead).some((tag) => parseTag(tag, policy.tagPrefix) !== null),
    interrupted: releaseTag !== null && !all.includes(releaseTag) ? releaseTag : null,
    originUrl: origin,
    changelogDirty: changelog.trim() !== '',
    pointersDirty: pointerStatus.trim() !== '',
  };
}

/**
 * For a release commit whose tag is missing here: whether origin has that tag (the release was made, only its tag
 * is not fetched), and the section the release commit added to the changelog, the tag's notes.
 */
export async function readInterrupted(
  repo: Repo,
  policy: Policy,
  tag: string,
  origin: string | null,
): Promise<{ onOrigin: boolean; section: string | null }> {
  const file = policy.changelog.file;
  const [remote, changelog] = await Promise.all([
    origin ? repo.git(['ls-remote', '--tags', 'origin', `refs/tags/${tag}`]) : Promise.resolve(''),
    file ? repo.git(['show', `HEAD:${file}`]).catch(() => '') : Promise.resolve(''),
  ]);
  return { onOrigin: remote.trim() !== '', section: latestSection(changelog) };
}

/** Streams the commits of `from..to` (all of `to` when `from` is null) through the analysis; `signal` stops it. */
export async function readAnalysis(
  repo: Repo,
  from: string | null,
  to: string,
  policy: Policy,
  signal?: AbortSignal,
): Promise<Analysis> {
  const analyzer = createAnalyzer(policy.release.rules);
  await streamLog(repo, [from ? `${from}..${to}` : to, '--'], analyzer.add, signal);
  return analyzer.result();
}
