// The one assembly of release notes, for `trunk release`, `trunk notes`, the post-merge hook, `trunk env promote`
// and `trunk env diff`: the preset's sections for the commits, links to origin's forge, dated today.
import type { ParsedCommit } from '../core/commits/conventional.js';
import { forgeFor } from '../core/notes/forge.js';
import { renderNotes } from '../core/notes/render.js';

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

/** Markdown notes for `commits` (the noteworthy ones of an analysis) as `release`. */
export function notesFor(commits: Iterable<ParsedCommit>, release: NotesRelease, options: NotesOptions): Promise<string> {
  return renderNotes(commits, { ...release, date: releaseDate(options.epoch), forge: forgeFor(options.originUrl) });
}
