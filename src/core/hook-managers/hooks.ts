// The four git hooks trunk runs, how a hook manager's config is seen to run one, and what can stop it from working.

/** The hooks whose checks trunk runs, whatever runs them (husky, the pre-commit framework, lefthook). */
export const TRUNK_HOOKS = ['pre-commit', 'commit-msg', 'pre-push', 'post-merge'] as const;
export type HookName = (typeof TRUNK_HOOKS)[number];

const NAME = '(pre-commit|commit-msg|pre-push|post-merge)(?![\\w-])';
const CALL = new RegExp(`\\btrunk(?:\\.mjs)?\\s+hook\\s+${NAME}|trunk-init/hooks/check\\s+${NAME}`);

/** The check a command line runs: `trunk hook pre-push`, or `sh node_modules/trunk-init/hooks/check pre-push`. */
export function calledHook(command: string): HookName | null {
  const match = CALL.exec(command);
  return match ? ((match[1] ?? match[2]) as HookName) : null;
}

/**
 * Why a manager's entry for a trunk hook does not check everything: git's ref lines do not reach pre-push
 * (`no-stdin`), the manager skips it when no file matches (`may-skip`), commit-msg gets no message file, or the
 * manager's install does not set that git hook up.
 */
export interface ManagerProblem {
  hook: HookName;
  kind: 'no-stdin' | 'may-skip' | 'no-message-file' | 'not-installed';
  message: string;
  fix: string;
}

/** Which of trunk's hooks a hook manager's config runs, and the problems of those entries. */
export interface ManagerCalls {
  calls: HookName[];
  problems: ManagerProblem[];
}
