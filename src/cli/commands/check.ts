// `trunk check [--base REF] [--head REF] [--branch NAME] [--title TEXT] [--summary [FILE]] [--json]`: the whole policy
// for a pull request, for CI, and with --summary what merging it would release and where it goes. The policy and
// commitlint config come from the base revision (JSON only), never from the request under review nor from the
// working tree: it cannot weaken the rules that judge it, nor run its code.
import { writeFileSync } from 'node:fs';
import { readCommittedCommitlint, readCommittedPolicy } from '../../adapters/config/committed.js';
import type { LoadedPolicy } from '../../adapters/config/files.js';
import { readLineage } from '../../adapters/git/commit-facts.js';
import { readCommits } from '../../adapters/git/log.js';
import { openRepo, type Repo } from '../../adapters/git/repo.js';
import { currentBranch } from '../../adapters/git/state.js';
import { lintCommits, lintMessage } from '../../core/commits/lint.js';
import { gitMergeMessage } from '../../core/commits/merge-message.js';
import { checkPullRequest } from '../../core/policy/check.js';
import { isRefused } from '../../core/verdict.js';
import { Exit, errors } from '../../errors.js';
import { defineCommand, USAGE } from '../args.js';
import type { Command, Io } from '../main.js';
import type { CheckFlags, PullRequestRefs } from '../forges/forge.js';
import { ciForge, pullRequestFromCi } from '../forges/registry.js';
import { formatVerdict } from '../report.js';
import { VERSION } from '../version.js';

/** The base outside CI when --base is not given and origin/HEAD is not set. */
const FALLBACK_BASE = 'refs/heads/main';

async function resolve(repo: Repo, rev: string): Promise<string> {
  const sha = (await repo.git(['rev-parse', '--verify', '-q', `${rev}^{commit}`])).trim();
  if (!sha) throw errors.missingRevision(rev);
  return sha;
}

/**
 * The base outside a pull/merge request pipeline, found without the working tree (which the branch under check
 * controls): --base, else the forge's default branch as this clone last saw it (origin/HEAD), else refs/heads/main.
 */
async function localBase(repo: Repo, flags: CheckFlags): Promise<string> {
  if (flags.base) return flags.base;
  const originHead = (await repo.git(['symbolic-ref', '-q', 'refs/remotes/origin/HEAD'])).trim();
  if (originHead) return originHead;
  if ((await repo.git(['rev-parse', '--verify', '-q', `${FALLBACK_BASE}^{commit}`])).trim()) return FALLBACK_BASE;
  throw errors.noCheckBase(FALLBACK_BASE);
}

/** Outside CI: the current branch into the trunk named by the config committed at the base (target null). */
function localRequest(repo: Repo, flags: CheckFlags, base: string): PullRequestRefs {
  const source = flags.branch ?? currentBranch(repo.gitDir);
  return { base, head: flags.head ?? 'HEAD', source, target: null, title: flags.title ?? null, mergeMessage: null };
}

export const run: Command = defineCommand(USAGE.check, async ({ values, positionals }, io) => {
  const [file] = positionals;
  if (file !== undefined && !values.summary)
    throw errors.usage(
      `unexpected argument "${file}": trunk check takes a FILE only after --summary.`,
      `${USAGE.check.command} --help`,
    );
  const repo = await openRepo(io.cwd);
  const pr = pullRequestFromCi(values, io.env) ?? localRequest(repo, values, await localBase(repo, values));
  const [base, head, shallow] = await Promise.all([
    resolve(repo, pr.base),
    resolve(repo, pr.head),
    repo.git(['rev-parse', '--is-shallow-repository']),
  ]);
  const loaded = await readCommittedPolicy(repo, base);
  const { policy } = loaded;
  const target = pr.target ?? policy.trunk;
  const mergeBase = (await repo.git(['merge-base', base, head])).trim();
  if (!mergeBase && shallow.trim() === 'true')
    throw errors.missingRevision(`the history joining ${pr.base} and ${pr.head}`);
  const [lineage, commits, commitlint] = await Promise.all([
    readLineage(repo, head, pr.source ?? '', base, [base]),
    readCommits(repo, [head, `^${base}`]),
    readCommittedCommitlint(repo, base, VERSION),
  ]);
  const title =
    pr.title === null ? null : { text: pr.title, problems: (await lintMessage(pr.title, commitlint)).errors };
  const verdict = checkPullRequest(
    { source: pr.source, target, lineage, failures: await lintCommits(commits, commitlint), title },
    policy,
  );
  const refused = isRefused(verdict);
  const said =
    formatVerdict(verdict) ||
    `trunk: ${commits.length} commit${commits.length === 1 ? '' : 's'} from ${pr.source ?? pr.head} into ${target}: every rule holds.`;
  const preview = values.summary
    ? await summarize(repo, loaded, { ...pr, base, head, target }, { refused, said, file, json: values.json }, io)
    : undefined;
  if (values.json)
    io.out(
      JSON.stringify({
        ok: !refused,
        base,
        head,
        source: pr.source,
        target,
        commits: commits.length,
        problems: verdict.refusals,
        ...(preview ? { preview } : {}),
      }),
    );
  else for (const line of ciForge(io.env)?.annotations(verdict) ?? []) io.out(line);
  io.err(said);
  return refused ? Exit.Refused : Exit.Ok;
});

/**
 * --summary: what merging the request would release and where each environment goes, as Markdown written to `file`,
 * else to $GITHUB_STEP_SUMMARY, else (unless --json) to stdout; returns the same facts for --json. Loaded only here:
 * the release flow and the notes renderer are not the check's.
 */
async function summarize(
  repo: Repo,
  loaded: LoadedPolicy,
  pr: PullRequestRefs & { target: string },
  check: { refused: boolean; said: string; file?: string; json?: boolean },
  io: Io,
) {
  const [{ previewMerge }, summary] = await Promise.all([import('../../flows/preview.js'), import('../summary.js')]);
  const merged = await previewMerge(repo, loaded, {
    base: pr.base,
    head: pr.head,
    message: pr.mergeMessage ?? gitMergeMessage(pr.source ?? pr.head, pr.target),
    epoch: io.env.SOURCE_DATE_EPOCH,
    env: io.env,
  });
  const request = { source: pr.source, head: pr.head, target: pr.target, refused: check.refused, verdict: check.said };
  const markdown = summary.renderSummary(request, summary.summarySections(merged, request));
  const to = check.file ?? io.env.GITHUB_STEP_SUMMARY;
  if (to) {
    try {
      writeFileSync(to, markdown);
    } catch (err) {
      throw errors.unwritableSummary(to, err);
    }
  } else if (!check.json) io.out(markdown);
  return summary.previewJson(merged, request);
}
