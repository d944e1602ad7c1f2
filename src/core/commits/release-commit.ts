// The release commit trunk-init makes on the trunk, recognisable from the commit itself.

const TRAILER = 'Trunk-Release';

/** The message of the release commit for `tag`. */
export function releaseCommitMessage(tag: string): string {
  return `chore(release): ${tag}\n\n${TRAILER}: ${tag}\n`;
}

/** The tag a release commit message names (subject and trailer must agree), or null. */
export function releaseTagOf(message: string): string | null {
  const subject = /^chore\(release\): (\S+)\s*$/m.exec(message.split('\n', 1)[0]);
  if (!subject) return null;
  const trailer = new RegExp(`^${TRAILER}: (\\S+)\\s*$`, 'm').exec(message);
  return trailer && trailer[1] === subject[1] ? subject[1] : null;
}
