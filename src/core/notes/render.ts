// Release notes rendered by conventional-changelog's writer with the conventionalcommits preset's templates.
import createPreset, { type PresetTransform } from 'conventional-changelog-conventionalcommits';
import { writeChangelogString, type CommitKnownProps, type Context } from 'conventional-changelog-writer';
import type { ParsedCommit } from '../commits/conventional.js';
import { withoutReverted } from '../commits/reverts.js';
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

/** Where the preset's main template renders each commit: a standalone line, so the partial's text can stand there. */
const COMMIT_LINE = '\n{{> commit root=@root}}\n';

/**
 * The main template with the commit partial's text in place of its `{{> commit root=@root}}` line: handlebars then
 * renders each commit as part of the loop, where invoking the partial copied every commit to add the `root` no
 * template reads (about 50 ms at 45,000 commits). The same text comes out (a property test holds it to the stock
 * writer's); a preset whose templates differ from these assumptions keeps its own.
 */
export function inlineCommitPartial(main: string, partial: string): string {
  const once = main.indexOf(COMMIT_LINE) !== -1 && main.indexOf(COMMIT_LINE) === main.lastIndexOf(COMMIT_LINE);
  // A partial that reads `root`, or whose first tag strips the whitespace before it, would read otherwise inline.
  if (!once || /(?<![@\w.])root\b/.test(partial) || partial.startsWith('{{~')) return main;
  return main.replace(COMMIT_LINE, () => `\n${partial}`); // a function: no `$` of the partial is a pattern
}

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
  const notes = await writeChangelogString(withoutReverted(transformed), writerContext, {
    ...writer,
    // The writer's own pairing of reverts is quadratic (reverts.ts): paired here, it finds nothing left to pair.
    ignoreReverted: false,
    mainTemplate: inlineCommitPartial(writer.mainTemplate!, writer.commitPartial!),
    transform: undefined,
    // One release is rendered: the writer need not look for version boundaries (a semver test per commit).
    generateOn: () => false,
    // The writer builds a debug string of its whole context, every commit twice, even with no debug function
    // (getTemplateContext): a context that serializes to nothing makes that free. No template reads toJSON.
    finalizeContext: (templateContext) => Object.defineProperty(templateContext, 'toJSON', { value: () => null }),
  });
  // The notes go into CHANGELOG.md and the tag message: a subject's control characters stay in its commit only.
  // They end in one line end, as the writer's own output does already: rebuilt only when it does not.
  const text = printable(notes);
  const trimmed = text.trim();
  return text.endsWith('\n') && trimmed.length === text.length - 1 ? text : `${trimmed}\n`;
}
