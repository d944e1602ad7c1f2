// A valid Conventional Commit header built from what the user typed, for refusal messages.

const HINTS: [RegExp, string][] = [
  [/^(fix|bug|repair|correct|resolve|patch)/i, 'fix'],
  [/^(doc|readme|comment)/i, 'docs'],
  [/^test/i, 'test'],
  [/^(refactor|rename|move|clean|simplif|extract)/i, 'refactor'],
  [/^(bump|upgrade|downgrade|pin )/i, 'build'],
  [/^(ci|pipeline|workflow)\b/i, 'ci'],
  [/^(speed|perf|optimi[sz]e|faster)/i, 'perf'],
];

const HEADER = /^(\w+)(\([^)]*\))?(!)?:\s*(.*)$/;

/** The first line of a message that is not a comment. */
export function headerOf(message: string, commentChar = '#'): string {
  return message.split(/\r?\n/).find((line) => line.trim() !== '' && !line.startsWith(commentChar))?.trim() ?? '';
}

/** Turns a header such as "Added ingress for API." into "feat: added ingress for API". */
export function exampleFor(header: string, types: readonly string[] = [], maxLength = 100): string {
  const parsed = HEADER.exec(header);
  let subject = (parsed ? parsed[4] : header).trim().replace(/[.\s]+$/, '');
  // commitlint rejects sentence, start and upper case: lower-case the first word's capitals ("API keys" → "api keys").
  subject = subject.replace(/^\S+/, (word) => (/^[A-Z0-9]+$/.test(word) ? word.toLowerCase() : word.charAt(0).toLowerCase() + word.slice(1)));
  subject ||= 'describe the change';
  const hinted = HINTS.find(([pattern]) => pattern.test(subject))?.[1] ?? 'feat';
  const typed = parsed?.[1].toLowerCase();
  const allowed = (t: string | undefined) => t !== undefined && (types.length === 0 || types.includes(t));
  const type = allowed(typed) ? typed! : allowed(hinted) ? hinted : (types[0] ?? hinted);
  const prefix = `${type}${parsed?.[2] ?? ''}${parsed?.[3] ?? ''}: `;
  return (prefix + subject).slice(0, maxLength);
}
