// Which of trunk's hooks a pre-commit framework config (.pre-commit-config.yaml) runs, and what keeps each from
// checking everything: trunk-init's own entries, hand-written `trunk hook …` entries, or trunk-init as a hook repo.
import { isMap, isSeq, type Document, type YAMLSeq } from 'yaml';
import { parseYaml } from '../yaml-text.js';
import { calledHook, TRUNK_HOOKS, type HookName, type ManagerCalls, type ManagerProblem } from './hooks.js';

export const PRE_COMMIT_CONFIG = '.pre-commit-config.yaml';

/** The id of trunk's hook for `hook`, in trunk-init's entries and in this repository's .pre-commit-hooks.yaml. */
export const preCommitId = (hook: HookName) => `trunk-${hook}`;

const CURRENT: Partial<Record<string, string>> = {
  commit: 'pre-commit',
  push: 'pre-push',
  'merge-commit': 'pre-merge-commit',
};
/** A stage by its current name: pre-commit before 3.2 spells `pre-commit` and `pre-push` as `commit` and `push`. */
export const stageName = (stage: string) => CURRENT[stage] ?? stage;

/** The config's `repos` list, or null when it has none. */
export function reposOf(doc: Document.Parsed): YAMLSeq | null {
  const value = doc.get('repos');
  return isSeq(value) ? value : null;
}

interface Hook {
  id?: string;
  entry?: string;
  stages?: string[];
  always_run?: boolean;
  pass_filenames?: boolean;
}

/** Which of trunk's hooks the config runs, and what keeps each from checking everything. */
export function preCommitCalls(text: string, file = PRE_COMMIT_CONFIG): ManagerCalls {
  const doc = parseYaml(text, file);
  const calls = new Set<HookName>();
  const problems: ManagerProblem[] = [];
  const defaults = doc.get('default_stages');
  const allStages = isSeq(defaults) ? (defaults.toJSON() as string[]).map(stageName) : null;
  for (const repo of reposOf(doc)?.items ?? []) {
    if (!isMap(repo) || !isSeq(repo.get('hooks'))) continue;
    const url = String(repo.get('repo'));
    for (const item of (repo.get('hooks') as YAMLSeq).items) {
      if (!isMap(item)) continue;
      const hook = item.toJSON() as Hook;
      // trunk-init as a hook repository: its manifest sets the stage and the flags right.
      const remote =
        url !== 'local' && url !== 'meta' && /trunk-init/.test(url)
          ? TRUNK_HOOKS.find((h) => hook.id === preCommitId(h))
          : undefined;
      const name = remote ?? (hook.entry ? calledHook(hook.entry) : null);
      if (!name) continue;
      const stages = hook.stages?.map(stageName) ?? (remote ? [remote] : allStages);
      if (stages && !stages.includes(name)) continue;
      calls.add(name);
      if (remote) continue;
      const where = `${file}: hook ${hook.id}`;
      if (hook.always_run !== true)
        problems.push({
          hook: name,
          kind: 'may-skip',
          message: `${where} runs only when a file matches, so an empty commit or a push of a merge is not checked.`,
          fix: 'add "always_run: true" to it',
        });
      if (name === 'commit-msg' && hook.pass_filenames === false)
        problems.push({
          hook: name,
          kind: 'no-message-file',
          message: `${where} gets no message file (pass_filenames: false), so trunk hook commit-msg cannot read the message.`,
          fix: 'remove "pass_filenames: false" from it',
        });
    }
  }
  const types = doc.get('default_install_hook_types');
  const installed = isSeq(types) ? (types.toJSON() as string[]) : ['pre-commit'];
  for (const hook of calls)
    if (!installed.includes(hook))
      problems.push({
        hook,
        kind: 'not-installed',
        message: `${file} runs trunk's ${hook} hook, but \`pre-commit install\` does not set that git hook up (default_install_hook_types).`,
        fix: `add ${hook} to default_install_hook_types, or run: pre-commit install --hook-type ${hook}`,
      });
  return { calls: TRUNK_HOOKS.filter((hook) => calls.has(hook)), problems };
}
