// Reading commits. readCommits (rev-list for the graph, cat-file --batch for the messages, length-prefixed) is what
// every judgement uses: no message can forge a record. streamLog, for releases of 100,000 commits, splits one
// `git log` on the ASCII unit and record separators: a message holding them is refused by the lint
// (trunk-control-characters) before it can reach the trunk through the hooks or trunk check.
import { readObjects } from './objects.js';
import { lines, type Repo } from './repo.js';

const FIELD = '\x1f';
const RECORD = '\x1e';
const FIELD_BYTE = FIELD.charCodeAt(0);
const RECORD_BYTE = RECORD.charCodeAt(0);
const NEWLINE_BYTE = 0x0a;

const BOUNDARY_MARK = '-'.charCodeAt(0);

/** The `git log` format option that streamLog reads: mark (`-` on the boundary), sha, parents, raw body. */
const LOG_FORMAT = `--format=%m%H${FIELD}%P${FIELD}%B${RECORD}`;

export interface CommitMessage {
  sha: string;
  message: string;
}

export interface LogOptions {
  /** Stops git (see gitStream). */
  signal?: AbortSignal;
  /**
   * With it, git also names the range's boundary (`--boundary`): the commits outside the range that are parents of
   * commits in it, each reachable from its tip. Called with each; onCommit is not.
   */
  onBoundary?: (sha: string) => void;
}

/**
 * Streams `git log <args>` and calls `onCommit` for each commit as it arrives. A record's hash and message are each
 * decoded from its bytes on their own, so what a caller keeps of one commit (its hash, its subject) holds that text
 * only: not the whole chunk of git's output it came in (at 100,000 commits, about 20 MB), nor the rest of its record.
 */
export async function streamLog(
  repo: Repo,
  args: readonly string[],
  onCommit: (sha: string, message: string) => void,
  { signal, onBoundary }: LogOptions = {},
): Promise<void> {
  /** The record in data[start, end): `\n` (between records), mark, hash, FIELD, parents, FIELD, message. */
  const take = (data: Buffer, start: number, end: number) => {
    if (data[start] === NEWLINE_BYTE) start++;
    const boundary = data[start++] === BOUNDARY_MARK;
    const hashEnd = data.indexOf(FIELD_BYTE, start);
    const parentsEnd = hashEnd === -1 || hashEnd >= end ? -1 : data.indexOf(FIELD_BYTE, hashEnd + 1);
    if (hashEnd <= start || parentsEnd === -1 || parentsEnd >= end) return;
    const sha = data.toString('latin1', start, hashEnd);
    if (boundary) onBoundary?.(sha);
    else onCommit(sha, data.toString('utf8', parentsEnd + 1, end));
  };
  let rest: Buffer | null = null;
  await repo.gitStream(
    ['log', LOG_FORMAT, ...(onBoundary ? ['--boundary'] : []), ...args],
    (chunk) => {
      // The separator is one ASCII byte, never inside a UTF-8 sequence: records split on it decode whole.
      const data: Buffer = rest ? Buffer.concat([rest, chunk]) : chunk;
      let start = 0;
      for (let end = data.indexOf(RECORD_BYTE); end !== -1; end = data.indexOf(RECORD_BYTE, start)) {
        take(data, start, end);
        start = end + 1;
      }
      rest = start < data.length ? data.subarray(start) : null;
    },
    signal,
  );
  if (rest) take(rest, 0, (rest as Buffer).length);
}

/**
 * The commits `revs` select (rev-list arguments, one a line: `<sha>`, `^<sha>`), newest first, with their parents.
 * Only hex comes out of rev-list: no message can forge a commit or its parents here.
 */
export async function commitGraph(repo: Repo, revs: readonly string[]): Promise<Map<string, string[]>> {
  const out = await repo.git(['rev-list', '--parents', '--ignore-missing', '--stdin'], {
    input: `${revs.join('\n')}\n`,
  });
  return new Map(
    lines(out).map((line) => {
      const [sha, ...parents] = line.split(' ');
      return [sha, parents];
    }),
  );
}

/**
 * The raw messages of `shas`, read length-prefixed (readObjects), so a message holding any bytes (record
 * separators, NULs, a forged "sha parents" line) stays one message. Decoded with the commit's `encoding`.
 */
export async function commitMessages(repo: Repo, shas: readonly string[]): Promise<Map<string, string>> {
  const objects = await readObjects(repo, shas);
  return new Map(
    shas.map((sha, i) => {
      const object = objects[i];
      if (object?.type !== 'commit') throw new Error(`git cat-file --batch: ${sha} is not a commit`);
      const split = object.content.indexOf('\n\n');
      const headers = object.content.subarray(0, split < 0 ? object.content.length : split).toString('latin1');
      const encoding = /^encoding (\S+)$/m.exec(headers)?.[1] ?? 'utf-8';
      const body = split < 0 ? Buffer.alloc(0) : object.content.subarray(split + 2);
      return [sha, /^utf-?8$/i.test(encoding) ? body.toString('utf8') : decode(body, encoding)];
    }),
  );
}

function decode(bytes: Buffer, encoding: string): string {
  try {
    return new TextDecoder(encoding).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** commitMessages, remembering what it read: each message of a push is read once, however many rules want it. */
export function messageReader(repo: Repo): (shas: readonly string[]) => Promise<Map<string, string>> {
  const known = new Map<string, string>();
  return async (shas) => {
    for (const [sha, message] of await commitMessages(
      repo,
      shas.filter((sha) => !known.has(sha)),
    ))
      known.set(sha, message);
    return known;
  };
}

/** The commits `revs` select, newest first, each with its parents and raw message (commitGraph + commitMessages). */
export async function readCommits(
  repo: Repo,
  revs: readonly string[],
  read = messageReader(repo),
): Promise<(CommitMessage & { parents: string[] })[]> {
  const graph = await commitGraph(repo, revs);
  const messages = await read([...graph.keys()]);
  return [...graph].map(([sha, parents]) => ({ sha, parents, message: messages.get(sha)! }));
}
