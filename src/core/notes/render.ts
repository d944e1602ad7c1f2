// Release notes rendered by conventional-changelog's writer with the conventionalcommits preset's templates.
import createPreset, { type PresetTransform } from 'conventional-changelog-conventionalcommits';
import {
  writeChangelogString,
  type CommitGroup,
  type CommitKnownProps,
  type Context,
  type Options,
} from 'conventional-changelog-writer';
import type { ParsedCommit } from '../commits/conventional.js';
import { withoutReverted } from '../commits/reverts.js';
import { compileCommitLine, Unrenderable } from './commit-line.js';
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

/** The preset's transform, with the commit's own subject put back (no links). */
const plainSubject =
  (transform: PresetTransform): PresetTransform =>
  (commit, context) => {
    const patch = transform(commit, context);
    return patch && { ...patch, subject: (commit as Partial<ParsedCommit>).subject };
  };

/** Where the preset's main template renders a group's commits, each by the commit partial. */
const COMMITS_BLOCK = '{{#each commits}}\n{{> commit root=@root}}\n{{/each}}\n';
/** What stands there instead: the group's `lines`, the text of its commits, with the same whitespace around. */
const LINES = '{{lines~}}\n';

/**
 * The writer's options to render each commit with the partial compiled as a function (commit-line.ts) instead of by
 * handlebars: the function writes every group's `lines` once the writer has grouped and sorted them, and the main
 * template prints them where it looped over the commits. Null where the templates are not as this assumes; the
 * property tests hold the notes to the stock writer's.
 */
export function compiledCommits(main: string, partial: string): Partial<Options> | null {
  const at = main.indexOf(COMMITS_BLOCK);
  const line = at !== -1 && at === main.lastIndexOf(COMMITS_BLOCK) ? compileCommitLine(partial) : null;
  if (!line) return null;
  return {
    mainTemplate: main.replace(COMMITS_BLOCK, LINES),
    finalizeContext: (templateContext) => {
      for (const group of templateContext.commitGroups as (CommitGroup & { lines?: string })[]) {
        let lines = '';
        for (const commit of group.commits) lines += line(commit, templateContext);
        group.lines = lines;
      }
      return withoutDebugText(templateContext);
    },
  };
}

/**
 * The writer builds a debug string of its whole context, every commit twice, even with no debug function
 * (getTemplateContext): a context that serializes to nothing makes that free. No template reads toJSON.
 */
const withoutDebugText = <T extends object>(templateContext: T): T =>
  Object.defineProperty(templateContext, 'toJSON', { value: () => null });

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
  // The preset links #12 and @user in subjects even without a forge ("undefined/…"): keep them plain there.
  const transform = forge ? writer.transform : plainSubject(writer.transform);
  // The writer would run the transform on a read-only proxy of each commit and copy the result with the original as
  // `raw`, which no template reads: run here, each commit is copied once (20 MB less at 100k commits), same notes.
  // The copy is a literal of the commit's fields, then the patch: spreading the commit took 4 times as long (90 ms
  // more at 100k commits). `breaking` is trunk's own, read by no template.
  const transformed: (CommitKnownProps & Record<string, unknown>)[] = [];
  for (const c of commits) {
    const patch = transform(c, writerContext);
    if (patch)
      transformed.push({
        hash: c.hash,
        header: c.header,
        type: c.type,
        scope: c.scope,
        subject: c.subject,
        notes: c.notes,
        references: c.references,
        revert: c.revert,
        ...patch,
      });
  }
  const options: Options = {
    ...writer,
    // The writer's own pairing of reverts is quadratic (reverts.ts): paired here, it finds nothing left to pair.
    ignoreReverted: false,
    transform: undefined,
    // One release is rendered: the writer need not look for version boundaries (a semver test per commit).
    generateOn: () => false,
    finalizeContext: withoutDebugText,
  };
  const kept = withoutReverted(transformed);
  const compiled = compiledCommits(writer.mainTemplate!, writer.commitPartial!);
  let notes: string;
  try {
    notes = await writeChangelogString(kept, writerContext, compiled ? { ...options, ...compiled } : options);
  } catch (error) {
    // A value the compiled partial declines (none of trunk's commits has one): handlebars renders the partial.
    if (!(error instanceof Unrenderable)) throw error;
    notes = await writeChangelogString(kept, writerContext, options);
  }
  // The notes go into CHANGELOG.md and the tag message: a subject's control characters stay in its commit only.
  // They end in one line end, as the writer's own output does already: rebuilt only when it does not.
  const text = printable(notes);
  const trimmed = text.trim();
  return text.endsWith('\n') && trimmed.length === text.length - 1 ? text : `${trimmed}\n`;
}
