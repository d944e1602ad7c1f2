// Reading commits with one `git log`, split on the ASCII unit and record separators (never in a message).
import type { Repo } from './repo.js';

const FIELD = '\x1f';
const RECORD = '\x1e';

/** The `git log` format option that parseLog reads: sha, parents, raw body. */
export const LOG_FORMAT = `--format=%H${FIELD}%P${FIELD}%B${RECORD}`;

/**
 * The same fields, with the message cut to its subject and its `Trunk-Release:` trailers: all the push rules read
 * of a commit on the trunk's line (a push may bring 50,000).
 */
export const SUBJECT_FORMAT = `--format=%H${FIELD}%P${FIELD}%s%n%n%(trailers:key=Trunk-Release)${RECORD}`;

export interface CommitMessage {
  sha: string;
  message: string;
}

/** Commits from `git log` output produced with LOG_FORMAT or SUBJECT_FORMAT. */
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

/** Streams `git log <args>` and calls `onCommit` for each commit as it arrives. */
export async function streamLog(repo: Repo, args: readonly string[], onCommit: (sha: string, message: string) => void): Promise<void> {
  let rest = '';
  const take = (record: string) => {
    const [sha, , message] = record.replace(/^\n/, '').split(FIELD);
    if (sha) onCommit(sha, message ?? '');
  };
  await repo.gitStream(['log', LOG_FORMAT, ...args], (text) => {
    const records = (rest + text).split(RECORD);
    rest = records.pop()!;
    records.forEach(take);
  });
  take(rest);
}
