// Release notes rendered by conventional-changelog's writer with the conventionalcommits preset's templates.
import createPreset from 'conventional-changelog-conventionalcommits';
import { writeChangelogString, type CommitTransformFunction, type Context } from 'conventional-changelog-writer';
import type { ParsedCommit } from '../commits/conventional.js';
import { printable } from '../text.js';
import type { Forge } from './forge.js';

export interface NotesContext {
  version: string;
  tag: string;
  previousTag: string | null;
  /** YYYY-MM-DD */
  date: string;
  forge: Forge | null;
}

type Transform = CommitTransformFunction;

/** The preset's transform, with the commit's own subject put back (no links). */
const plainSubject =
  (transform: Transform): Transform =>
  async (commit, context, options) => {
    const patch = await transform(commit, context, options);
    return patch && { ...patch, subject: (commit as Partial<ParsedCommit>).subject };
  };

/** Markdown notes for `commits` (breaking changes, features, fixes, performance, reverts); links only on a known forge; no control characters. */
export async function renderNotes(commits: Iterable<ParsedCommit>, context: NotesContext): Promise<string> {
  const { writer } = createPreset(context.forge?.urls);
  const { forge } = context;
  // currentTag and previousTag are read by the preset's compare link, not typed by the writer.
  const writerContext = {
    version: context.version,
    currentTag: context.tag,
    previousTag: context.previousTag ?? undefined,
    date: context.date,
    ...(forge ? { host: forge.host, owner: forge.owner, repository: forge.repository } : {}),
    linkReferences: forge !== null,
    linkCompare: forge !== null && context.previousTag !== null,
  } as Context;
  const notes = await writeChangelogString(commits, writerContext, {
    ...writer,
    // The preset links #12 and @user in subjects even without a forge ("undefined/…"): keep them plain there.
    transform: forge || !writer.transform ? writer.transform : plainSubject(writer.transform),
    // One release is rendered: the writer need not look for version boundaries (a semver test per commit).
    generateOn: () => false,
  });
  // The notes go into CHANGELOG.md and the tag message: a subject's control characters stay in its commit only.
  return `${printable(notes).trim()}\n`;
}
