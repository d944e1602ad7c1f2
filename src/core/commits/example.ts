// A Conventional Commit header built from what the user typed and shaped by the repository's own commitlint rules
// (types, scope required or forbidden, cases, full stop, lengths), for refusal messages. The caller lints it.
import type { QualifiedRules } from '@commitlint/types';

const HINTS: [RegExp, string][] = [
  [/^(fix|bug|repair|correct|resolve|patch)/i, 'fix'],
  [/^(doc|readme|comment)/i, 'docs'],
  [/^test/i, 'test'],
  [/^(refactor|rename|move|clean|simplif|extract)/i, 'refactor'],
  [/^(bump|upgrade|downgrade|pin )/i, 'build'],
  [/^(ci|pipeline|workflow)\b/i, 'ci'],
  [/^(speed|perf|optimi[sz]e|faster)/i, 'perf'],
];

const HEADER = /^(\w+)(?:\(([^)]*)\))?(!)?:\s*(.*)$/;

/** The first line of a message that is not a comment. */
export function headerOf(message: string, commentChar = '#'): string {
  return (
    message
      .split(/\r?\n/)
      .find((line) => line.trim() !== '' && !line.startsWith(commentChar))
      ?.trim() ?? ''
  );
}

/** An error-level rule's condition and value, or null when the rule is off or only warns. */
function rule(rules: QualifiedRules, name: string): { when: string; value: unknown } | null {
  const entry = rules[name];
  return Array.isArray(entry) && entry[0] === 2 ? { when: entry[1] ?? 'always', value: entry[2] } : null;
}

/** The list an `always` enum rule allows, or null when it allows anything. */
function allowedBy(rules: QualifiedRules, name: string): string[] | null {
  const r = rule(rules, name);
  const list =
    r?.when === 'always' && Array.isArray(r.value) ? r.value.filter((v): v is string => typeof v === 'string') : [];
  return list.length ? list : null;
}

/** `text` in commitlint's case `target` (the common ones; any other leaves the text for the lint to judge). */
function toCase(text: string, target: string): string {
  const words = () => text.split(/[\s_-]+/).filter(Boolean);
  switch (target) {
    case 'lower-case':
      return text.toLowerCase();
    case 'upper-case':
      return text.toUpperCase();
    case 'sentence-case':
      return text.charAt(0).toUpperCase() + text.slice(1);
    case 'kebab-case':
      return words().join('-').toLowerCase();
    case 'snake-case':
      return words().join('_').toLowerCase();
    default:
      return text;
  }
}

/** `text` in the case a `*-case` rule asks for: its first target when `always`. */
function cased(rules: QualifiedRules, name: string, text: string): string {
  const r = rule(rules, name);
  const target = [r?.value].flat()[0];
  return r?.when === 'always' && typeof target === 'string' ? toCase(text, target) : text;
}

/** The scope: the user's when the rules allow it, the first allowed one when one is required or theirs is not allowed. */
function scopeFor(rules: QualifiedRules, typed: string | undefined): string {
  const empty = rule(rules, 'scope-empty');
  if (empty?.when === 'always') return '';
  const allowed = allowedBy(rules, 'scope-enum');
  const required = empty?.when === 'never';
  const scope =
    typed && (!allowed || typed.split(/[,/]/).every((s) => allowed.includes(s.trim())))
      ? typed
      : required || typed
        ? (allowed?.[0] ?? 'scope')
        : '';
  return cased(rules, 'scope-case', scope);
}

/** The subject: what the user wrote, without a trailing full stop, its first word lower-cased, then as the rules ask. */
function subjectFor(rules: QualifiedRules, typed: string): string {
  const stop = rule(rules, 'subject-full-stop');
  let subject = typed.trim().replace(/[.\s]+$/, '');
  // commitlint's conventional rules refuse sentence, start and upper case: lower-case the first word's capitals ("API keys" → "api keys").
  subject = subject.replace(/^\S+/, (word) =>
    /^[A-Z0-9]+$/.test(word) ? word.toLowerCase() : word.charAt(0).toLowerCase() + word.slice(1),
  );
  subject = cased(rules, 'subject-case', subject || 'describe the change');
  return stop?.when === 'always' && typeof stop.value === 'string' ? subject + stop.value : subject;
}

/** Turns a header such as "Added ingress for API." into "feat: added ingress for API", by the rules' lights. */
export function exampleFor(header: string, rules: QualifiedRules = {}): string {
  const parsed = HEADER.exec(header);
  const subject = subjectFor(rules, parsed ? parsed[4] : header);
  const types = allowedBy(rules, 'type-enum') ?? [];
  const hinted = HINTS.find(([pattern]) => pattern.test(subject))?.[1] ?? 'feat';
  const typed = parsed?.[1].toLowerCase();
  const allowed = (t: string | undefined) => t !== undefined && (types.length === 0 || types.includes(t));
  const type = cased(rules, 'type-case', allowed(typed) ? typed! : allowed(hinted) ? hinted : (types[0] ?? hinted));
  const scope = scopeFor(rules, parsed?.[2]);
  const prefix = `${type}${scope ? `(${scope})` : ''}${parsed?.[3] ?? ''}: `;
  // Without a header-max-length rule, 100 columns keep the example on one readable line.
  const [headerMax, subjectMax] = [rule(rules, 'header-max-length'), rule(rules, 'subject-max-length')].map((r) =>
    r?.when === 'always' && typeof r.value === 'number' ? r.value : null,
  );
  const room = Math.min((headerMax ?? 100) - prefix.length, subjectMax ?? Infinity);
  return prefix + (subject.length > room ? subject.slice(0, room).trimEnd() : subject);
}
