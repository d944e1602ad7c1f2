// The one exit point: runs a command, turns its result or error into an exit code and text.
import { Exit, errors, type ExitCode } from '../errors.js';
import { printable } from '../core/text.js';
import { colourFor, forTerminal } from './colour.js';
import { jsonPieces } from './json-pieces.js';
import { formatError } from './report.js';

/** What a command may touch of the process: passed in, so commands stay testable. */
export interface Io {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  out(text: string): void;
  /** `value` as JSON on one line of stdout, written piece by piece (json-pieces.ts): never coloured. */
  outJson(value: unknown): void;
  err(text: string): void;
}

export type Command = (args: string[], io: Io) => Promise<ExitCode>;

/**
 * Writes to `stream` until its reader goes away (EPIPE: `trunk notes | head`), then drops the rest: the command runs
 * to its end all the same (a release is never cut short by a closed pipe) and exits with its own code. Any other
 * failure to write (a full disk) makes the exit an error, said once on stderr for stdout.
 */
function guarded(stream: NodeJS.WriteStream, failed: (err: Error) => void): (text: string) => void {
  let open = true;
  stream.on('error', (err: NodeJS.ErrnoException) => {
    open = false;
    if (err.code !== 'EPIPE') failed(err);
  });
  return (text) => {
    if (open) stream.write(text);
  };
}

/** One line-terminated write of `text` to `stream`, without control characters: commit subjects, tag names and
 * file contents reach every command's output, and none of them may drive the terminal (JSON is escaped already).
 * The only codes written are trunk's own colours, where the stream takes them. */
const sink = (stream: NodeJS.WriteStream, write: (text: string) => void) => {
  const colour = colourFor(stream, process.env);
  return (text: string) => {
    const clean = forTerminal(text, colour);
    // The line end on its own: appending it would copy the text, which may be a 100,000-commit release's notes.
    write(clean);
    if (!clean.endsWith('\n')) write('\n');
  };
};

/** The process's streams, each made when first used: a hook that writes nothing and reads no input makes none
 * (making process.stdin alone cost a hook ~6 ms). `used` says whether any was made. */
function processIo(): { io: Io; used: () => boolean; failure: () => Error | null } {
  let out: ((text: string) => void) | undefined;
  let err: ((text: string) => void) | undefined;
  let stdout: ((text: string) => void) | undefined;
  let stdin = false;
  let failure: Error | null = null;
  const error = (text: string) =>
    (err ??= sink(
      process.stderr,
      guarded(process.stderr, (e) => (failure ??= e)),
    ))(text);
  const toStdout = () =>
    (stdout ??= guarded(process.stdout, (e) => {
      if (!failure) error(formatError(errors.unwritableOutput('stdout', e), process.env.TRUNK_DEBUG === '1'));
      failure = e;
    }));
  const io: Io = {
    cwd: process.cwd(),
    env: process.env,
    get stdin() {
      stdin = true;
      return process.stdin;
    },
    out: (text) => (out ??= sink(process.stdout, toStdout()))(text),
    outJson: (value) => {
      const write = toStdout();
      // JSON escapes every C0 control and ESC, not DEL and the C1 controls: printable() takes those out.
      for (const piece of jsonPieces(value)) write(printable(piece));
      write('\n');
    },
    err: error,
  };
  return { io, used: () => stdin || stdout !== undefined || err !== undefined, failure: () => failure };
}

/** Runs `command` and sets process.exitCode. Output is flushed by node's own shutdown; a command that touched no
 * stream has nothing to flush and exits at once, which spares every silent hook ~2.5 ms of that shutdown. */
export async function runMain(command: () => Promise<Command>, args: string[]): Promise<void> {
  const { io, used, failure } = processIo();
  try {
    process.exitCode = await (await command())(args, io);
  } catch (err) {
    io.err(formatError(err, io.env.TRUNK_DEBUG === '1'));
    process.exitCode = Exit.Error;
  }
  if (!used()) process.exit();
  // A write fails after it is made: the exit code is settled once the output has gone.
  process.once('beforeExit', () => {
    if (failure()) process.exitCode = Exit.Error;
  });
}

/** Reads all of stdin (pre-push ref lines). */
export async function readStdin(io: Io): Promise<string> {
  if (io.stdin.isTTY) return '';
  let text = '';
  for await (const chunk of io.stdin) text += chunk.toString();
  return text;
}
