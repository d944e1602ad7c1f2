// `trunk hook pre-push <remote> <url>`: may these refs and commits go to the remote? Advice: the server's
// pre-receive hook (or trunk check and the forge's rules) enforces the same rules.
import { loadCommitlint } from '../../adapters/config/commitlint.js';
import { loadPolicy } from '../../adapters/config/load.js';
import {
  clientHoldings,
  parseRefUpdates,
  preCommitUpdate,
  unpushedRefs,
  type Holdings,
  type RefUpdate,
} from '../../adapters/git/push-facts.js';
import { openRepo, type Repo } from '../../adapters/git/repo.js';
import { refuseUnseenPush } from '../../core/policy/push.js';
import { isRefused, type Refusal } from '../../core/verdict.js';
import { Exit } from '../../errors.js';
import { readStdin, type Command, type Io } from '../main.js';
import { judgePush } from '../push-verdict.js';
import { formatVerdict } from '../report.js';
import { VERSION } from '../version.js';

/**
 * Why git's ref lines may not have reached this hook, and the setting that fixes it; null when the empty stdin is
 * git's own (it runs pre-push with no lines when everything is up to date).
 */
async function droppedBy(repo: Repo, io: Io): Promise<{ why: string; fix: string } | null> {
  if (io.stdin.isTTY)
    return {
      why: "trunk hook pre-push was started with a terminal as its stdin, not git's ref lines",
      fix: 'run it from a pre-push hook that passes git\'s stdin on: trunk hook pre-push "$@"',
    };
  if (io.env.PRE_COMMIT === '1')
    return {
      why: 'the pre-commit framework ran trunk hook pre-push without naming a ref (pre-commit run, not git push)',
      fix: 'run it through git push, which names the refs to pre-commit',
    };
  // Only lefthook drops stdin by default (`use_stdin`); its config says whether it does here.
  const { managerHooks } = await import('../../adapters/hooks/managers.js');
  for (const report of managerHooks(repo.root).filter((r) => r.manager === 'lefthook')) {
    const problem = report.problems.find((p) => p.kind === 'no-stdin');
    if (problem) return { why: problem.message.replace(/\.$/, ''), fix: problem.fix };
    if (!report.readable)
      return {
        why: `${report.file} could not be read, so whether lefthook passes git's ref lines to trunk (use_stdin) is unknown`,
        fix: `set use_stdin: true on the entry that runs trunk's pre-push in ${report.file}`,
      };
  }
  return null;
}

/** What this push sends: git's ref lines, or the one ref pre-commit names; or why that cannot be seen. */
async function readUpdates(repo: Repo, held: Holdings, remote: string, io: Io): Promise<RefUpdate[] | Refusal> {
  const stdin = await readStdin(io);
  if (stdin.trim()) return parseRefUpdates(stdin);
  const {
    PRE_COMMIT_LOCAL_BRANCH: localBranch,
    PRE_COMMIT_REMOTE_BRANCH: remoteBranch,
    PRE_COMMIT_FROM_REF: fromRef,
    PRE_COMMIT_TO_REF: toRef,
  } = io.env;
  if (localBranch && remoteBranch)
    return [await preCommitUpdate(repo, held, { localBranch, remoteBranch, fromRef, toRef })];
  const dropped = await droppedBy(repo, io);
  const unpushed = dropped ? await unpushedRefs(repo, held) : [];
  return dropped && unpushed.length ? refuseUnseenPush(remote, dropped.why, dropped.fix, unpushed) : [];
}

export const run: Command = async ([remoteArg], io) => {
  const repo = await openRepo(io.cwd);
  // pre-commit passes no arguments to the hook; it names the remote in its environment.
  const remote = io.env.PRE_COMMIT_REMOTE_NAME || remoteArg || 'origin';
  const held = await clientHoldings(repo, remote);
  const updates = await readUpdates(repo, held, remote, io);
  const { policy } = await loadPolicy(repo.root, repo.commonDir, VERSION);
  const verdict = Array.isArray(updates)
    ? await judgePush(repo, policy, updates, held, 'client', remote, () =>
        loadCommitlint(repo.root, repo.commonDir, VERSION),
      )
    : { refusals: [updates], warnings: [] };
  const text = formatVerdict(verdict, 'nothing was pushed; your commits and tags are unchanged.');
  if (text) io.err(text);
  return isRefused(verdict) ? Exit.Refused : Exit.Ok;
};
