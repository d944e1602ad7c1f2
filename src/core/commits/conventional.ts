// Commits parsed with conventional-commits-parser and the conventionalcommits preset's grammar, slimmed to
// what versioning and release notes use (a release may span 100,000 commits).
import createPreset, { DEFAULT_COMMIT_TYPES } from 'conventional-changelog-conventionalcommits';
import { CommitParser, type Commit, type CommitNote, type CommitReference } from 'conventional-commits-parser';
import {
  lineKinds,
  MAX_LINE,
  MAX_MESSAGE,
  MAX_NOTES,
  MAX_REFERENCING,
  measure,
  parsedLines,
  trimNewlines,
  withinBounds,
} from './bounds.js';
import './references.js';

export interface ParsedCommit {
  hash: string;
  header: string | null;
  type: string | null;
  scope: string | null;
  subject: string | null;
  notes: CommitNote[];
  references: CommitReference[];
  /** What a revert commit reverts (the writer leaves reverted commits out of the notes). */
  revert: Commit['revert'];
  /** `!` in the header or a BREAKING CHANGE / BREAKING-CHANGE footer (the parser's notes; any case). */
  breaking: boolean;
}

const options = createPreset().parser;
// The parser's reference search is linear (references.ts). Its revert pattern is quadratic in a run of whitespace,
// so it is tried on the start of the message only, where git writes `Revert "…"` and `This reverts commit …`.
const parser = new CommitParser({ ...options, revertPattern: undefined });
const REVERT_WINDOW = 4096;
const kinds = lineKinds(options);
const VISIBLE = new Set(DEFAULT_COMMIT_TYPES.filter((t) => !t.hidden).map((t) => t.type));

function revertOf(message: string): Commit['revert'] {
  const match = options.revertPattern ? message.slice(0, REVERT_WINDOW).match(options.revertPattern) : null;
  if (!match) return null;
  return Object.fromEntries((options.revertCorrespondence ?? []).map((key, i) => [key, match[i + 1] || null]));
}

/**
 * A message past the bounds (bounds.ts), cut to them: every line to MAX_LINE, then the lines that still fit each
 * budget. A breaking change past the cut still counts: the first note line past it is kept.
 */
function bounded(message: string): string {
  const lines = parsedLines(message);
  if (withinBounds(measure(lines, kinds))) return message;
  const kept: string[] = [];
  let [length, referencing, notes] = [-1, 0, 0];
  for (const line of lines.map((l) => l.slice(0, MAX_LINE))) {
    const [references, note] = [kinds.referencing(line), kinds.note(line)];
    const fits =
      length + line.length + 1 <= MAX_MESSAGE &&
      (!references || referencing + line.length <= MAX_REFERENCING) &&
      (!note || notes < MAX_NOTES);
    if (!fits && !(note && notes === 0)) continue;
    kept.push(line);
    length += line.length + 1;
    if (references) referencing += line.length;
    if (note) notes++;
  }
  return kept.join('\n');
}

/**
 * The parser's reading of one message, as conventional-commits-parser gives it with the preset's options (within
 * the bounds). A `-name-` line sets the field `name` from the lines after it: even `type`, `hash` or `revert`.
 */
export function parseMessage(message: string): Commit {
  const commit = parser.parse(bounded(message));
  commit.revert = revertOf(message) ?? commit.revert;
  return commit;
}

/** The parts of a parsed commit that the notes use. */
export function slimCommit(hash: string, c: Commit): ParsedCommit {
  // A revert set by a `-revert-` line is a string, which names no commit.
  const revert = c.revert && typeof c.revert === 'object' ? c.revert : null;
  return {
    hash,
    header: c.header,
    type: c.type ?? (revert ? 'revert' : null),
    scope: c.scope,
    subject: c.subject,
    notes: c.notes,
    references: c.references,
    revert,
    // The parser only makes notes of the preset's breaking keywords, and the preset's notes list every note.
    breaking: c.notes.length > 0,
  };
}

/** Parses one commit message; git's own `Revert "…"` messages get the type "revert". */
export const parseCommit = (hash: string, message: string): ParsedCommit => slimCommit(hash, parseMessage(message));

export interface Headline {
  /** The parser's header: the first line it reads, or null. */
  header: string | null;
  type: string | null;
  scope: string | null;
  subject: string | null;
  /** `!` before the colon. */
  breaking: boolean;
}

// What makes the parser read more than the header: a note keyword anywhere (its notes regex ignores case), a line
// its fieldPattern /^-(.*?)-$/ could take for a field (this matches every such line, and more), a message that
// starts with "revert" (where its revertPattern is anchored), or a first line it drops as a gpg line.
const NOTE_KEYWORD = /BREAKING[ -]CHANGE/i;
const FIELD_LINE = /^-.*-$/m;
const REVERT = /^revert/i;
const GPG_LINE = /^\s*gpg:/;

/**
 * The header of `message` and what the parser makes of it, when nothing else in the message can change what it
 * reads of type, breaking change, revert or fields. It then equals parseMessage's answer without running the parser
 * over every line. Null when only the parser can tell.
 */
export function readHeadline(message: string): Headline | null {
  if (NOTE_KEYWORD.test(message) || FIELD_LINE.test(message) || REVERT.test(message)) return null;
  const text = trimNewlines(message);
  const newline = text.indexOf('\n');
  // The parser splits on /\r?\n/: one CR goes with the LF.
  const header = newline === -1 ? text : text.slice(0, text[newline - 1] === '\r' ? newline - 1 : newline);
  if (GPG_LINE.test(header)) return null;
  const breaking = header.match(options.breakingHeaderPattern!);
  const match = breaking ?? header.match(options.headerPattern!);
  return {
    header,
    type: match?.[1] || null,
    scope: match?.[2] || null,
    subject: match?.[3] || null,
    breaking: breaking !== null,
  };
}

/** Every issue reference starts with one of these (the preset's are strings: `#`). */
const ISSUE_PREFIXES = (options.issuePrefixes ?? ['#']).map((p) => (typeof p === 'string' ? p.toLowerCase() : null));

/**
 * What the notes read of a message readHeadline read, when it is of a type they show and nothing else in it can make
 * a note or a reference: not breaking, no issue prefix anywhere, and short enough that the bounds cut nothing. It then
 * equals parseCommit's answer. Null when only the parser can tell.
 */
export function headlineCommit(hash: string, message: string, headline: Headline): ParsedCommit | null {
  if (headline.breaking || !isVisibleType(headline.type) || message.length > MAX_LINE) return null;
  const lower = message.toLowerCase();
  if (ISSUE_PREFIXES.some((prefix) => prefix === null || lower.includes(prefix))) return null;
  const { header, type, scope, subject } = headline;
  return { hash, header, type, scope, subject, notes: [], references: [], revert: null, breaking: false };
}

/** Whether the preset's notes have a visible section for this type (feat, fix, perf, revert). */
export const isVisibleType = (type: string | null) => type !== null && VISIBLE.has(type);

/** Whether the release notes can show this commit (a visible section, or a breaking change). */
export const isNoteworthy = (commit: ParsedCommit) => commit.breaking || isVisibleType(commit.type);
