// CHANGELOG.md with a new release section on top; everything already there is kept byte for byte.

const TITLE = /^# [^\n]*\n(?:[ \t]*\n)*/;

/** `existing` (null when there is no changelog yet) with `notes` as its newest section, under the title. */
export function withSection(existing: string | null, notes: string): string {
  const section = `${notes.trimEnd()}\n\n`;
  if (existing === null || existing === '') return `# Changelog\n\n${section}`;
  const title = TITLE.exec(existing)?.[0] ?? '';
  return title + section + existing.slice(title.length);
}

/** The newest section of a changelog (from its first "## " heading to the next), or null. */
export function latestSection(changelog: string): string | null {
  const start = changelog.search(/^## /m);
  if (start < 0) return null;
  const rest = changelog.slice(start);
  const end = rest.slice(3).search(/^## /m);
  return `${(end < 0 ? rest : rest.slice(0, end + 3)).trimEnd()}\n`;
}
