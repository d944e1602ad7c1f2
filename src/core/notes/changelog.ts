// CHANGELOG.md with a new release section on top; everything already there is kept byte for byte.

const TITLE = /^# [^\n]*\n(?:[ \t]*\n)*/;

/** `existing` (null when there is no changelog yet) with `notes` as its newest section, under the title. */
export function withSection(existing: string | null, notes: string): string {
  const section = `${notes.trimEnd()}\n\n`;
  if (existing === null || existing === '') return `# Changelog\n\n${section}`;
  const title = TITLE.exec(existing)?.[0] ?? '';
  return title + section + existing.slice(title.length);
}
