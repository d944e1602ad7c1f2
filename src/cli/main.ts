// The one exit point: runs a command, turns its result or error into an exit code and text.
import { Exit, type ExitCode } from '../errors.js';
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

/** One line-terminated write of `text` to `stream`, without control characters: commit subjects, tag names and
 * file contents reach every command's output, and none of them may drive the terminal (JSON is escaped already).
 * The only codes written are trunk's own colours, where the stream takes them. */
const sink = (stream: NodeJS.WriteStream) => {
  const colour = colourFor(stream, process.env);
  return (text: string) => {
    const clean = forTerminal(text, colour);
    // The line end on its own: appending it would copy the text, which may be a 100,000-commit release's notes.
    stream.write(clean);
    if (!clean.endsWith('\n')) stream.write('\n');
  };
};

/** The process's streams, each made when first used: a hook that writes nothing and reads no input makes none
 * (making process.stdin alone cost a hook ~6 ms). `used` says whether any was made. */
function processIo(): { io: Io; used: () => boolean } {
  let out: ((text: string) => void) | undefined;
  let err: ((text: string) => void) | undefined;
  let stdin = false;
  let json = false;
  const io: Io = {
    cwd: process.cwd(),
    env: process.env,
    get stdin() {
      stdin = true;
      return process.stdin;
    },
    out: (text) => (out ??= sink(process.stdout))(text),
    outJson: (value) => {
      json = true;
      // JSON escapes every C0 control and ESC, not DEL and the C1 controls: printable() takes those out.
      for (const piece of jsonPieces(value)) process.stdout.write(printable(piece));
      process.stdout.write('\n');
    },
    err: (text) => (err ??= sink(process.stderr))(text),
  };
  return { io, used: () => stdin || json || out !== undefined || err !== undefined };
}

/** Runs `command` and sets process.exitCode. Output is flushed by node's own shutdown; a command that touched no
 * stream has nothing to flush and exits at once, which spares every silent hook ~2.5 ms of that shutdown. */
export async function runMain(command: () => Promise<Command>, args: string[]): Promise<void> {
  const { io, used } = processIo();
  try {
    process.exitCode = await (await command())(args, io);
  } catch (err) {
    io.err(formatError(err, io.env.TRUNK_DEBUG === '1'));
    process.exitCode = Exit.Error;
  }
  if (!used()) process.exit();
}

/** Reads all of stdin (pre-push ref lines). */
export async function readStdin(io: Io): Promise<string> {
  if (io.stdin.isTTY) return '';
  let text = '';
  for await (const chunk of io.stdin) text += chunk.toString();
  return text;
}
