// The rendered diff of an environment, worded: a text report (counts first, then each object and its changed
// fields), markdown for pull-request comments and job summaries, a one-line summary for `trunk env`, and the data
// for --json. Every value comes from the repository's content, so the text is cleaned of control characters and the
// markdown keeps each value in a code span: no content can format, link or mention.
import { codeSpan } from '../markdown.js';
import { lineDiff } from '../line-diff.js';
import { printable } from '../text.js';
import { formatPath, type ObjectChange, type ObjectDiff } from './diff.js';
import type { FieldChange } from './field-change.js';
import type { Json } from './objects.js';

/** One side of a rendering: the ref it was rendered at, and how (null when the directory is not there). */
export interface RenderSide {
  /** The tag, the trunk's name, or "nothing" before the environment's first release. */
  ref: string;
  renderer: string | null;
}

export interface RenderedSection {
  env: string;
  /** The app, when gitops.path has `{app}`. */
  app: string | null;
  path: string;
  before: RenderSide;
  after: RenderSide;
  /** null when the files the renderer reads are the same at both refs: nothing was rendered, nothing changes. */
  diff: ObjectDiff | null;
  warnings: string[];
}

const MAX_VALUE = 80;

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** A value on one line: a string as it is (a multi-line one by its first line), anything else as JSON. */
function show(value: Json | undefined, max = MAX_VALUE): string {
  if (value === undefined) return '(none)';
  if (typeof value !== 'string') return cut(printable(JSON.stringify(value)), max);
  if (value === '') return '""';
  const lines = value.split('\n');
  const first = printable(lines[0]);
  return lines.length > 1 && value.trimEnd().includes('\n')
    ? `${cut(first, max)}… (${lines.length} lines)`
    : cut(printable(value.trimEnd()), max);
}

const counts = (diff: ObjectDiff) => {
  const of = (change: ObjectChange['change']) => diff.objects.filter((o) => o.change === change).length;
  return { added: of('added'), removed: of('removed'), changed: of('changed'), unchanged: diff.unchanged };
};

/** "3 objects change: 1 added, 2 changed (1 renamed), 0 removed; 12 unchanged", or "no object changes". */
function countsLine(section: RenderedSection): string {
  const { diff } = section;
  if (!diff)
    return `no object changes: the files it renders are the same at ${section.before.ref} and ${section.after.ref}`;
  const c = counts(diff);
  const renamed = diff.objects.filter((o) => o.renamedFrom).length;
  const total = diff.objects.length;
  if (total === 0) return `no object changes (${c.unchanged} unchanged)`;
  return `${total} object${total === 1 ? ' changes' : 's change'}: ${c.added} added, ${c.changed} changed${renamed ? ` (${renamed} renamed)` : ''}, ${c.removed} removed; ${c.unchanged} unchanged`;
}

/** Whether names need their namespace to be told apart: the changed objects are in more than one. */
const namespaced = (diff: ObjectDiff) => new Set(diff.objects.map((o) => o.namespace)).size > 1;

const objectName = (o: ObjectChange, withNamespace: boolean) =>
  `${o.kind} ${withNamespace && o.namespace ? `${o.namespace}/` : ''}${o.name}`;

const MARK = { added: '+', removed: '-', changed: '~' } as const;

/** A multi-line string's change as its changed lines (a ConfigMap's file), at most 20, or null. */
function changedLines(f: FieldChange): string[] | null {
  if (f.change !== 'changed' || typeof f.before !== 'string' || typeof f.after !== 'string') return null;
  if (!f.before.includes('\n') && !f.after.includes('\n')) return null;
  const [a, b] = [f.before.split('\n'), f.after.split('\n')];
  if (a.length * b.length > 250_000) return [`${a.length} lines → ${b.length} lines`];
  const lines = lineDiff(f.before, f.after).filter((l) => !l.startsWith(' '));
  return [...lines.slice(0, 20).map((l) => cut(printable(l), MAX_VALUE + 2)), ...(lines.length > 20 ? ['…'] : [])];
}

function fieldLine(f: FieldChange): string {
  const path = printable(formatPath(f.path));
  if (f.hidden) return `${MARK[f.change]} ${path}: ${f.change} (value hidden)`;
  if (f.change === 'added') return `+ ${path}: ${show(f.after)}`;
  if (f.change === 'removed') return `- ${path}: ${show(f.before)}`;
  return `~ ${path}: ${show(f.before)} → ${show(f.after)}${f.followsRename ? ' (the generated name that follows the rename)' : ''}`;
}

const renamed = (o: ObjectChange) => (o.renamedFrom ? ` (was ${o.renamedFrom}: Kustomize's hash suffix)` : '');

const sides = (s: RenderedSection) => {
  const how =
    s.before.renderer === s.after.renderer || s.before.renderer === null
      ? s.after.renderer
      : s.after.renderer === null
        ? s.before.renderer
        : `${s.before.renderer} at ${s.before.ref}, ${s.after.renderer} at ${s.after.ref}`;
  const absent =
    s.before.renderer === null
      ? `; not in ${s.before.ref}`
      : s.after.renderer === null
        ? `; not in ${s.after.ref}`
        : '';
  return { how: how ?? 'not rendered', absent };
};

const title = (s: RenderedSection) => `${s.env}${s.app ? ` (app ${s.app})` : ''}`;

/** The text report of one section: its title line, the counts, each object with its fields, the warnings. */
export function textSection(section: RenderedSection): string[] {
  const { how, absent } = sides(section);
  const out = [
    `${title(section)}: ${section.path}, ${section.before.ref} → ${section.after.ref} (${how}${absent})`,
    `  ${countsLine(section)}`,
  ];
  const diff = section.diff;
  if (diff) {
    const ns = namespaced(diff);
    for (const o of diff.objects) {
      out.push(`  ${MARK[o.change]} ${printable(objectName(o, ns))}${printable(renamed(o))}`);
      for (const f of o.fields) {
        out.push(`      ${fieldLine(f)}`);
        for (const line of f.hidden ? [] : (changedLines(f) ?? [])) out.push(`          ${line}`);
      }
    }
  }
  out.push(...section.warnings.map((w) => `  ⚠ ${printable(w)}`));
  return out;
}

function markdownField(f: FieldChange): string {
  const path = codeSpan(formatPath(f.path));
  if (f.hidden) return `${path} ${f.change} (value hidden)`;
  if (f.change === 'added') return `${path} added: ${codeSpan(show(f.after))}`;
  if (f.change === 'removed') return `${path} removed (was ${codeSpan(show(f.before))})`;
  return `${path}: ${codeSpan(show(f.before))} → ${codeSpan(show(f.after))}${f.followsRename ? ' (follows the rename)' : ''}`;
}

/** The markdown of one section: a heading, the counts in bold, a list of the objects with their fields. */
export function markdownSection(section: RenderedSection, level = 3): string[] {
  const { how, absent } = sides(section);
  const out = [
    `${'#'.repeat(level)} ${title(section)}: ${codeSpan(section.path)}, ${codeSpan(section.before.ref)} → ${codeSpan(section.after.ref)}`,
    '',
    `Rendered with ${codeSpan(how)}${absent}. **${countsLine(section)}**`,
    '',
  ];
  const diff = section.diff;
  if (diff?.objects.length) {
    const ns = namespaced(diff);
    for (const o of diff.objects) {
      const was = o.renamedFrom ? ` (was ${codeSpan(o.renamedFrom)}: Kustomize's hash suffix)` : '';
      out.push(`- ${o.change} ${codeSpan(objectName(o, ns))}${was}`);
      for (const f of o.fields) out.push(`  - ${markdownField(f)}`);
    }
    out.push('');
  }
  if (section.warnings.length) out.push(...section.warnings.map((w) => `> ⚠ ${codeSpan(w)}`), '');
  return out;
}

/** The last key on a path (`image` for `spec.template.spec.containers[api].image`), for the summary. */
const leaf = (f: FieldChange) => String([...f.path].reverse().find((s) => typeof s === 'string') ?? formatPath(f.path));

/** Two values with what they share taken off (`acme/api:1.4.1`, `acme/api:1.5.0` → `1.4.1`, `1.5.0`). */
function compact(before: Json | undefined, after: Json | undefined): [string, string] {
  if (typeof before === 'string' && typeof after === 'string') {
    const at = Math.max(before.lastIndexOf(':'), before.lastIndexOf('@'));
    if (at > 0 && after.startsWith(before.slice(0, at + 1)))
      return [show(before.slice(at + 1), 30), show(after.slice(at + 1), 30)];
  }
  return [show(before, 30), show(after, 30)];
}

function fieldSummary(f: FieldChange): string {
  if (f.hidden || f.change !== 'changed') return `${leaf(f)} ${f.change}`;
  const [a, b] = compact(f.before, f.after);
  return `${leaf(f)} ${a} → ${b}`;
}

function objectSummary(o: ObjectChange): string {
  const name = `${o.kind} ${o.renamedFrom ? o.name.replace(/-[^-]+$/, '') : o.name}`;
  if (o.change !== 'changed') return `${name} ${o.change}`;
  const fields = o.fields.filter((f) => !f.followsRename);
  if (fields.length === 0) return name;
  const shown = fields.slice(0, 2).map(fieldSummary);
  return `${name} (${shown.join(', ')}${fields.length > 2 ? `, ${fields.length - 2} more` : ''})`;
}

/** `prod: 3 objects change: Deployment api (image 1.4.1 → 1.5.0, replicas 2 → 3), ConfigMap api-env, HPA added`. */
export function summaryLine(section: RenderedSection): string {
  const head = `${section.env}${section.app ? `/${section.app}` : ''}`;
  const diff = section.diff;
  if (!diff || diff.objects.length === 0) return printable(`${head}: no object changes`);
  const n = diff.objects.length;
  const listed = diff.objects.slice(0, 4).map(objectSummary);
  return printable(
    `${head}: ${n} object${n === 1 ? ' changes' : 's change'}: ${listed.join(', ')}${n > 4 ? `, and ${n - 4} more` : ''}`,
  );
}

/** A section as --json gives it: paths as the text report prints them, hidden values absent. */
export function sectionJson(section: RenderedSection) {
  return {
    env: section.env,
    app: section.app,
    path: section.path,
    before: section.before,
    after: section.after,
    counts: section.diff ? counts(section.diff) : null,
    objects: (section.diff?.objects ?? []).map((o) => ({
      ...o,
      fields: o.fields.map((f) => ({ ...f, path: formatPath(f.path) })),
    })),
    warnings: section.warnings,
  };
}
