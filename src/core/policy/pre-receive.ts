// The git server's pre-receive checks: the client's pre-push checks, plus which branches may exist at all.
import { collect, refuse, type Verdict } from '../verdict.js';
import { matchBranch } from './branch-pattern.js';
import { exampleBranch } from './pre-commit.js';
import type { Policy } from './policy.js';
import { checkPush, type PushedRef } from './pre-push.js';

/** Decides whether the server accepts a push; `remote` names the server in fix hints. */
export function checkReceive(refs: readonly PushedRef[], policy: Policy, remote = 'origin'): Verdict {
  const names = collect(
    refs
      .filter((ref) => ref.kind === 'branch' && !ref.deleted && ref.name !== policy.trunk && !matchBranch(ref.name, policy.branches))
      .map((ref) => () =>
        refuse(
          'branch-name',
          `Branch "${ref.name}" may not be created or updated here: branch names must match ${policy.branches.map((b) => `"${b}"`).join(' or ')} (setting "branches").`,
          `push it under an allowed name: git push ${remote} ${ref.name}:${exampleBranch(policy)}`,
        ),
      ),
  );
  const push = checkPush(refs, policy, remote);
  return { refusals: [...names.refusals, ...push.refusals], warnings: push.warnings };
}
