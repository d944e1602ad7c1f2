// `trunk check [--base REF] [--head REF] [--branch NAME] [--title TEXT] [--json]`: the whole policy for a pull
// request, for CI. The policy and commitlint config come from the base revision (JSON only), never from the
// request under review: it cannot weaken the rules that judge it, nor run its code in CI.
import { parseArgs } from 'node:util';
import { readCommittedCommitlint, readCommittedPolicy } from '../../adapters/config/committed.js';
import { loadPolicy } from '../../adapters/config/load.js';
import { readLineage } from '../../adapters/git/commit-facts.js';
import { LOG_FORMAT, parseLog } from '../../adapters/git/log.js';
import { openRepo, type Repo } from '../../adapters/git/repo.js';
import { currentBranch } from '../../adapters/git/state.js';
import { lintCommits, lintMessage } from '../../core/commits/lint.js';
import { checkPullRequest } from '../../core/policy/check.js';
import { isRefused, type Verdict } from '../../core/verdict.js';
import { Exit, errors } from '../../errors.js';
import type { Command } from '../main.js';
import { pullRequestFromCi, type CheckFlags, type PullRequestRefs } from '../pull-request.js';
import { formatVerdict } from '../report.js';
import { VERSION } from '../version.js';

async function resolve(repo: Repo, rev: string): Promise<string> {
  const sha = (await repo.git(['rev-parse', '--verify', '-q', `${rev}^{commit}`])).trim();
  if (!sha) throw errors.missingRevision(rev);
  return sha;
}

/** Outside CI: the current branch into the trunk of this clone's own config. */
async function localRequest(repo: Repo, flags: CheckFlags, env: NodeJS.ProcessEnv): Promise<PullRequestRefs> {
  const { trunk } = (await loadPolicy(repo.root, repo.commonDir, VERSION)).policy;
  const source = flags.branch ?? currentBranch(repo.gitDir);
  return { base: flags.base ?? trunk, head: flags.head ?? 'HEAD', source, target: trunk, title: flags.title ?? null, github: env.GITHUB_ACTIONS === 'true' };
}

/** GitHub Actions annotations, so each problem shows on the pull request. */
function annotations(verdict: Verdict): string[] {
  const escape = (s: string) => s.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
  return verdict.refusals.flatMap((r) =>
    r.details?.length ? r.details.map((d) => `::error title=trunk check: ${r.rule}::${escape(d)}`) : [`::error title=trunk check: ${r.rule}::${escape(`${r.reason} Fix: ${r.fix.join('; ')}`)}`],
  );
}

export const run: Command = async (args, io) => {
  const { values } = parseArgs({
    args,
    options: { base: { type: 'string' }, head: { type: 'string' }, branch: { type: 'string' }, title: { type: 'string' }, json: { type: 'boolean' } },
  });
  const repo = await openRepo(io.cwd);
  const pr = pullRequestFromCi(values, io.env) ?? (await localRequest(repo, values, io.env));
  const [base, head, shallow] = await Promise.all([resolve(repo, pr.base), resolve(repo, pr.head), repo.git(['rev-parse', '--is-shallow-repository'])]);
  const { policy } = await readCommittedPolicy(repo, base);
  const mergeBase = (await repo.git(['merge-base', base, head])).trim();
  if (!mergeBase && shallow.trim() === 'true') throw errors.missingRevision(`the history joining ${pr.base} and ${pr.head}`);
  const [lineage, log, commitlint] = await Promise.all([
    readLineage(repo, head, pr.source ?? '', base, [base]),
    repo.git(['log', LOG_FORMAT, `${base}..${head}`]),
    readCommittedCommitlint(repo, base, VERSION),
  ]);
  const commits = parseLog(log);
  const title = pr.title === null ? null : { text: pr.title, problems: (await lintMessage(pr.title, commitlint)).errors };
  const verdict = checkPullRequest({ source: pr.source, target: pr.target, lineage, failures: await lintCommits(commits, commitlint), title }, policy);
  const refused = isRefused(verdict);
  if (values.json) io.out(JSON.stringify({ ok: !refused, base, head, source: pr.source, target: pr.target, commits: commits.length, problems: verdict.refusals }));
  else if (pr.github) for (const line of annotations(verdict)) io.out(line);
  io.err(formatVerdict(verdict) || `trunk: ${commits.length} commit${commits.length === 1 ? '' : 's'} from ${pr.source ?? pr.head} into ${pr.target}: every rule holds.`);
  return refused ? Exit.Refused : Exit.Ok;
};
