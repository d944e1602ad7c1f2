// Which of trunk's hooks a lefthook config runs, and what keeps each from checking everything: trunk-init's scripts,
// and hand-written commands and jobs that run `trunk hook …`.
import { parseYaml } from '../yaml-text.js';
import { calledHook, TRUNK_HOOKS, type HookName, type ManagerCalls, type ManagerProblem } from './hooks.js';

/** lefthook's config names, in the order lefthook looks for them (each extension, then each name). */
export const LEFTHOOK_CONFIGS = ['.yml', '.yaml', '.json', '.jsonc', '.toml'].flatMap((ext) =>
  ['lefthook', '.lefthook', '.config/lefthook'].map((name) => name + ext),
);
/** trunk-init's script: its name under `scripts:`, and its file in `<source_dir>/<hook>/`. */
export const SCRIPT = 'trunk-init';

/** Where lefthook keeps script files (`source_dir`, default .lefthook/), without the trailing slash. */
export function lefthookSourceDir(text: string | null, file: string): string {
  const dir = text ? parseYaml(text, file).get('source_dir') : undefined;
  return (typeof dir === 'string' && dir.trim() ? dir.trim() : '.lefthook').replace(/\/+$/, '');
}

interface Job {
  run?: string;
  script?: string;
  use_stdin?: boolean;
  group?: { jobs?: Job[] };
}

/** Which of trunk's hooks the config runs (scripts named trunk-init, commands and jobs that run `trunk hook …`), and what keeps each from checking everything. */
export function lefthookCalls(text: string, file: string): ManagerCalls {
  const config = (parseYaml(text, file).toJSON() ?? {}) as Record<
    string,
    { commands?: Record<string, Job>; scripts?: Record<string, Job>; jobs?: Job[] } | null
  >;
  const calls = new Set<HookName>();
  const problems: ManagerProblem[] = [];
  for (const hook of TRUNK_HOOKS) {
    const section = config[hook];
    if (!section || typeof section !== 'object') continue;
    const flatten = (jobs: Job[] = [], at: string): [string, Job][] =>
      jobs.flatMap((job, i) => [
        [`${at}[${i}]`, job] as [string, Job],
        ...flatten(job.group?.jobs, `${at}[${i}].group.jobs`),
      ]);
    const entries: [string, Job][] = [
      ...Object.entries(section.scripts ?? {}).map(([name, job]): [string, Job] => [
        `${hook}.scripts.${name}`,
        { ...job, script: name },
      ]),
      ...Object.entries(section.commands ?? {}).map(([name, job]): [string, Job] => [
        `${hook}.commands.${name}`,
        job ?? {},
      ]),
      ...flatten(section.jobs, `${hook}.jobs`),
    ];
    for (const [where, job] of entries) {
      const runs = job.script === SCRIPT || (typeof job.run === 'string' && calledHook(job.run) === hook);
      if (!runs) continue;
      calls.add(hook);
      const at = `${file}: ${where}`;
      if (hook === 'pre-push' && job.use_stdin !== true)
        problems.push({
          hook,
          kind: 'no-stdin',
          message: `${at} runs trunk's pre-push without use_stdin: true, so git's list of the refs being pushed never reaches it.`,
          fix: `add "use_stdin: true" to ${where} (npx trunk-init --hooks lefthook writes a script that has it)`,
        });
      if (job.run !== undefined && (hook === 'pre-commit' || hook === 'pre-push'))
        problems.push({
          hook,
          kind: 'may-skip',
          message: `${at} is a run command, which lefthook skips when no file is ${hook === 'pre-commit' ? 'staged (an empty commit)' : 'changed between HEAD and its push target (a push of another branch, a tag, a merge)'}.`,
          fix: 'run trunk as a script instead: npx trunk-init --hooks lefthook',
        });
      if (hook === 'commit-msg' && job.run !== undefined && !/\{[01]\}/.test(job.run))
        problems.push({
          hook,
          kind: 'no-message-file',
          message: `${at} does not pass the message file ({1}), so trunk hook commit-msg cannot read the message.`,
          fix: `end its run line with {1}`,
        });
    }
  }
  return { calls: TRUNK_HOOKS.filter((hook) => calls.has(hook)), problems };
}
