// CHANGELOG.md with a new release section on top; everything already there is kept byte for byte.

/**
 * The start of a release section as semantic-release, standard-version, release-please, git-cliff and trunk-init
 * write them: a heading of any level opening with a version, linked or not (`# [1.3.0](…)`, `### [1.0.1](…)`,
 * `## [1.0.0] - 2021-07-18`, `## 1.4.0 (…)`), with the `<a name="…"></a>` anchor older conventional-changelog
 * presets put on the line above. standard-version looks for the last release the same way.
 */
const VERSION_HEADING = /^(?:<a name="[^"\n]*"><\/a>[ \t]*\r?\n)?#{1,6}[ \t]+\[?v?\d+\.\d+\.\d+/m;

/**
 * `existing` (null when there is no changelog yet) with `notes` as its newest section: above the first version
 * heading, after whatever title and preamble come before it (at the end when there is no release yet). A CRLF file
 * gets its new section with CRLF.
 */
export function withSection(existing: string | null, notes: string): string {
  const section = `${notes.trimEnd()}\n\n`;
  if (existing === null || existing === '') return `# Changelog\n\n${section}`;
  const eol = (text: string) => (/^[^\n]*\r\n/.test(existing) ? text.replaceAll('\n', '\r\n') : text);
  const at = existing.search(VERSION_HEADING);
  if (at >= 0) return existing.slice(0, at) + eol(section) + existing.slice(at);
  const gap = /\r?\n\r?\n$/.test(existing) ? '' : existing.endsWith('\n') ? '\n' : '\n\n';
  return existing + eol(`${gap}${notes.trimEnd()}\n`);
}

/** The newest section of a changelog (from its first version heading to the next), with LF line ends, or null. */
export function latestSection(changelog: string): string | null {
  const first = VERSION_HEADING.exec(changelog);
  if (!first) return null;
  const rest = changelog.slice(first.index);
  const end = rest.slice(first[0].length).search(VERSION_HEADING);
  return `${(end < 0 ? rest : rest.slice(0, first[0].length + end)).replaceAll('\r\n', '\n').trimEnd()}\n`;
}
