// The one assembly of release notes, for `trunk release`, `trunk notes`, the post-merge hook, `trunk env promote`
// and `trunk env diff`: the preset's sections for the commits, links to origin's forge, dated today.
import { readAnalysis, readReleaseFacts, reachedReleases, tagCommits } from '../adapters/git/release-facts.js';
import type { Repo } from '../adapters/git/repo.js';
import type { ParsedCommit } from '../core/commits/conventional.js';
import { forgeFor } from '../core/notes/forge.js';
import type { Bump } from '../core/versioning/bump.js';
import type { Policy } from '../core/policy/policy.js';
import { errors } from '../errors.js';

export interface NotesRelease {
  version: string;
  tag: string;
  previousTag: string | null;
}

export interface NotesOptions {
  /** remote.origin.url: links go to its forge, if it is one we know; null for plain text. */
  originUrl: string | null;
  /** SOURCE_DATE_EPOCH, for reproducible notes; unset, today. */
  epoch?: string;
}

/** YYYY-MM-DD of now, or of SOURCE_DATE_EPOCH when set. */
const releaseDate = (epoch?: string) => new Date(epoch ? Number(epoch) * 1000 : Date.now()).toISOString().slice(0, 10);

/**
 * The renderer: handlebars, conventional-changelog-writer and the preset, about 20 ms to load. Loaded when first
 * needed; a release starts it as soon as git is at work (flows/release.ts), so that it loads while git walks.
 */
export const loadRenderer = () => import('../core/notes/render.js');

/** Markdown notes for `commits` (the noteworthy ones of an analysis) as `release`. */
export async function notesFor(
  commits: Iterable<ParsedCommit>,
  release: NotesRelease,
  options: NotesOptions,
): Promise<string> {
  const { renderNotes } = await loadRenderer();
  return renderNotes(commits, { ...release, date: releaseDate(options.epoch), forge: forgeFor(options.originUrl) });
}

export interface RangeNotes {
  from: string | null;
  to: string;
  bump: Bump | null;
  commits: number;
  notes: string;
}

/** The notes of `from..to` (`trunk notes --from/--to`): from the last release reachable from HEAD, to HEAD, unless given. */
export async function rangeNotes(
  repo: Repo,
  policy: Policy,
  range: { from?: string; to?: string },
  epoch?: string,
): Promise<RangeNotes> {
  const tags = tagCommits(repo);
  const facts = await readReleaseFacts(
    repo,
    policy,
    [],
    'HEAD',
    tags.then((commits) => [...commits.keys()]),
  );
  const from = range.from ?? (await reachedReleases(repo, facts.head, await tags, policy.tagPrefix)).last.tag;
  const to = range.to ?? 'HEAD';
  let analysis;
  try {
    analysis = await readAnalysis(repo, from, to, policy);
  } catch (err) {
    throw errors.badRange(`${from ?? ''}..${to}`, err);
  }
  const notes = await notesFor(
    analysis.noteworthy,
    { version: to, tag: to, previousTag: from },
    { originUrl: facts.originUrl, epoch },
  );
  return { from, to, bump: analysis.bump, commits: analysis.commits, notes };
}
