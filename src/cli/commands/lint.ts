// `trunk lint [--message FILE | --from REF --to REF]`: the commit-message check for a message or a range.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadCommitlint } from '../../adapters/config/commitlint.js';
import { readCommentChar } from '../../adapters/git/comment-char.js';
import { readCommits } from '../../adapters/git/log.js';
import { openRepo } from '../../adapters/git/repo.js';
import { describeFailures, lintCommits, lintMessage } from '../../core/commits/lint.js';
import { Exit, errors } from '../../errors.js';
import { defineCommand, USAGE } from '../args.js';
import type { Command } from '../main.js';
import { VERSION } from '../version.js';

export const run: Command = defineCommand(USAGE.lint, async ({ values }, io) => {
  if (!values.message && !values.from)
    throw errors.usage(
      'trunk lint needs a message file or a range.',
      'trunk lint --message .git/COMMIT_EDITMSG   or   trunk lint --from origin/main --to HEAD',
    );
  const repo = await openRepo(io.cwd);
  const config = await loadCommitlint(repo.root, repo.commonDir, VERSION);
  if (values.message) {
    let text: string;
    try {
      text = readFileSync(resolve(io.cwd, values.message), 'utf8');
    } catch (err) {
      throw errors.unreadableFile(values.message, err);
    }
    const report = await lintMessage(text, config, readCommentChar(repo, text));
    for (const e of report.errors) io.err(`✖ ${e.message} (${e.rule})`);
    for (const w of report.warnings) io.err(`⚠ ${w.message} (${w.rule})`);
    return report.valid ? Exit.Ok : Exit.Refused;
  }
  const range = `${values.from}..${values.to ?? 'HEAD'}`;
  const [from, to] = await Promise.all(
    [values.from, values.to ?? 'HEAD'].map(async (rev) =>
      (await repo.git(['rev-parse', '--verify', '-q', '--end-of-options', `${rev}^{commit}`])).trim(),
    ),
  );
  if (!from || !to) throw errors.badRange(range, new Error(`${from ? values.to : values.from} is not a commit here`));
  const commits = await readCommits(repo, [to, `^${from}`]);
  const failures = await lintCommits(commits, config);
  for (const line of describeFailures(failures)) io.err(`✖ ${line}`);
  io.err(
    `trunk: ${commits.length - failures.length} of ${commits.length} commit${commits.length === 1 ? '' : 's'} in ${range} are Conventional Commits.`,
  );
  return failures.length > 0 ? Exit.Refused : Exit.Ok;
});
