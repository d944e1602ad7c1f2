// Reading commits with one `git log`, split on the ASCII unit and record separators (never in a message).

const FIELD = '\x1f';
const RECORD = '\x1e';

/** The `git log` format option that parseLog reads: sha, parents, raw body. */
export const LOG_FORMAT = `--format=%H${FIELD}%P${FIELD}%B${RECORD}`;

export interface CommitMessage {
  sha: string;
  message: string;
}

/** Commits from `git log` output produced with LOG_FORMAT. */
export function parseLog(text: string): (CommitMessage & { parents: string[] })[] {
  return text
    .split(RECORD)
    .map((record) => record.replace(/^\n/, ''))
    .filter((record) => record !== '')
    .map((record) => {
      const [sha, parents, message] = record.split(FIELD);
      return { sha, parents: parents ? parents.split(' ') : [], message };
    });
}
