// `trunk hook commit-msg <file>`: is the message a Conventional Commit, by the repository's commitlint config?
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadCommitlint } from '../../adapters/config/commitlint.js';
import { readCommentChar } from '../../adapters/git/comment-char.js';
import { withPrefetch } from '../../adapters/git/prefetch.js';
import { openRepo } from '../../adapters/git/repo.js';
import { exampleFor, headerOf } from '../../core/commits/example.js';
import { lintMessage, type CommitlintConfig } from '../../core/commits/lint.js';
import { shellWord } from '../../core/text.js';
import { Exit, errors } from '../../errors.js';
import type { Command } from '../main.js';
import { VERSION } from '../version.js';

/** A header built from the user's own subject by the loaded rules, or else a generic one, checked by the same lint;
 * when neither passes, the rules no one-line example can satisfy. */
async function validExample(header: string, config: CommitlintConfig): Promise<string> {
  let problems: string[] = [];
  for (const example of new Set([exampleFor(header, config.rules), exampleFor('', config.rules)])) {
    const report = await lintMessage(example, config);
    if (report.valid) return `example: ${example}`;
    problems = report.errors.map((e) => `${e.message} (${e.rule})`);
  }
  return `no example on one line passes your commitlint rules: ${problems.join('; ')}`;
}

export const run: Command = async ([file], io) => {
  if (!file)
    throw errors.usage(
      'trunk hook commit-msg needs the message file git passes it.',
      'run it from a commit-msg hook: trunk hook commit-msg "$1"',
    );
  let message: string;
  try {
    message = readFileSync(resolve(io.cwd, file), 'utf8');
  } catch (err) {
    throw errors.unreadableFile(file, err);
  }
  const repo = withPrefetch(await openRepo(io.cwd), 'commit-msg');
  const commentChar = readCommentChar(repo, message);
  const config = await loadCommitlint(repo.root, repo.commonDir, VERSION);
  const report = await lintMessage(message, config, commentChar);
  for (const w of report.warnings) io.err(`trunk: warning: ${w.message} (${w.rule})`);
  if (report.valid) return Exit.Ok;
  const header = headerOf(message, commentChar);
  io.err(
    [
      `trunk: Commit message "${header}" is refused: it is not a Conventional Commit by your commitlint config.`,
      ...report.errors.map((e) => `  ✖ ${e.message} (${e.rule})`),
      `  ${await validExample(header, config)}`,
      `  fix: your message is saved; edit it and commit again: git commit -e -F ${shellWord(file)}`,
      '  nothing was lost: your staged changes are still staged.',
    ].join('\n'),
  );
  return Exit.Refused;
};
