// What `trunk release` reads before deciding: where HEAD is, which tags exist, and the commits since the last release.
import type { Policy } from '../../core/policy/policy.js';
import { releaseTagOf } from '../../core/commits/release-commit.js';
import { latestSection } from '../../core/notes/changelog.js';
import { createAnalyzer, type Analysis } from '../../core/versioning/analysis.js';
import { decidingTags, lastCandidate, lastRelease, type LastRelease } from '../../core/versioning/plan.js';
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
  const [shallow, all, atHead, headMessage, origin, changelog, pointerStatus] = await Promise.all([
    repo.git(['rev-parse', '--is-shallow-repository']),
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

/** Each tag's name, with the commit it names (through one annotated tag), or null (a tree, a tag of a tag). */
export async function tagCommits(repo: Repo): Promise<Map<string, string | null>> {
  const format = '--format=%(refname:strip=2)%00%(objecttype)%00%(objectname)%00%(*objecttype)%00%(*objectname)';
  const out = await repo.git(['for-each-ref', format, 'refs/tags']);
  return new Map(
    lines(out).map((line) => {
      const [name, type, object, peeledType, peeled] = line.split('\0');
      return [name, type === 'commit' ? object : peeledType === 'commit' ? peeled : null];
    }),
  );
}

export interface ReachedReleases {
  /** The highest stable release tag `head` reaches. */
  last: LastRelease;
  /** The highest prerelease tag above it that `head` reaches: the candidate a new one follows. */
  candidate: string | null;
}

/**
 * The last release `head` reaches and the candidate above it, asking git only about the tags that decide them
 * (decidingTags): `git tag --merged` walks all of `head`'s history to list every tag it reaches, 0.36 s at 100,000
 * commits however recent the last release. `printed`, when the caller has read `top..head` with its boundary
 * (readRange): those tags' commits that log printed, each reachable from `head`, the top release's exactly when
 * `head` reaches it. Otherwise, or for a prerelease it did not print, `git merge-base` answers, which walks only
 * as far back as that tag. When `head` does not reach the highest release, `git tag --merged` decides.
 */
export async function reachedReleases(
  repo: Repo,
  head: string,
  tags: ReadonlyMap<string, string | null>,
  prefix: string,
  printed: ReadonlySet<string> | null = null,
): Promise<ReachedReleases> {
  const { top, above } = decidingTags([...tags.keys()], prefix);
  /** Whether `head` reaches `tag`; null when git cannot say here (not a commit, or not in this clone). */
  const reaches = async (tag: string): Promise<boolean | null> => {
    const commit = tags.get(tag) ?? null;
    if (commit === null) return null;
    if (commit === head || printed?.has(commit)) return true;
    // The log printed all of head's history (no release to start from), or the top release's boundary.
    if (printed && (top.tag === null || tag === top.tag)) return false;
    const base = await repo.git(['merge-base', commit, head]).catch(() => null);
    return base === null ? null : base.trim() === commit;
  };
  const reached = await Promise.all([top.tag, ...above].map((tag) => (tag === null ? true : reaches(tag))));
  if (reached.every((r) => r !== null) && reached[0]) {
    const candidates = above.filter((_, i) => reached[i + 1]);
    return { last: top, candidate: lastCandidate(candidates, prefix, top) };
  }
  const reachable = lines(await repo.git(['tag', '--merged', head]));
  const last = lastRelease(reachable, prefix);
  return { last, candidate: lastCandidate(reachable, prefix, last) };
}

export interface RangeRead {
  analysis: Analysis;
  /** Of the commits watched, those git printed: in the range, or on its boundary. Each is reachable from `to`. */
  printed: Set<string>;
}

/**
 * Streams the commits of `from..to` (all of `to` when `from` is null) through the analysis; `signal` stops it.
 * `watch`: commits to look out for, in the range and on its boundary.
 */
export async function readRange(
  repo: Repo,
  from: string | null,
  to: string,
  policy: Policy,
  { signal, watch }: { signal?: AbortSignal; watch?: ReadonlySet<string> } = {},
): Promise<RangeRead> {
  const analyzer = createAnalyzer(policy.release.rules);
  const printed = new Set<string>();
  const see = (sha: string) => {
    if (watch!.has(sha)) printed.add(sha);
  };
  const add = watch?.size
    ? (sha: string, message: string) => {
        see(sha);
        analyzer.add(sha, message);
      }
    : analyzer.add;
  const onBoundary = watch?.size && from ? see : undefined;
  await streamLog(repo, [from ? `${from}..${to}` : to, '--'], add, { signal, onBoundary });
  return { analysis: analyzer.result(), printed };
}

/** The analysis of `from..to` (readRange's). */
export const readAnalysis = async (repo: Repo, from: string | null, to: string, policy: Policy): Promise<Analysis> =>
  (await readRange(repo, from, to, policy)).analysis;
