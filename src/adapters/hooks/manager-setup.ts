// trunk-init with the pre-commit framework or lefthook instead of husky: the entries it adds to their config (and
// lefthook's script files), setting their git hooks up with their own installer, and taking the entries out again.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lt } from 'semver';
import {
  lefthookScript,
  SCRIPT_MARK,
  withLefthookEntries,
  withoutLefthookEntries,
} from '../../core/bootstrap/lefthook-config.js';
import {
  withoutPreCommitEntries,
  withPreCommitEntries,
  type StageNames,
} from '../../core/bootstrap/pre-commit-config.js';
import { TRUNK_HOOKS, type HookName } from '../../core/hook-managers/hooks.js';
import { LEFTHOOK_CONFIGS, lefthookCalls, lefthookSourceDir, SCRIPT } from '../../core/hook-managers/lefthook.js';
import { PRE_COMMIT_CONFIG, preCommitCalls } from '../../core/hook-managers/pre-commit.js';
import { errors } from '../../errors.js';
import { planFile, planLines, planTransform, readText, type Change } from '../files/plan.js';
import type { Repo } from '../git/repo.js';
import type { OwnHook } from './install.js';
import { managerConfigs, MANAGERS, type ConfiguredManager, type HookManager } from './managers.js';

/** The manager `--hooks` names; else the one whose config the repository has; else husky. */
export function chooseHookManager(root: string, requested: string | undefined): HookManager {
  if (requested !== undefined) {
    if (!(MANAGERS as readonly string[]).includes(requested))
      throw errors.usage(
        `--hooks ${requested} is not supported: trunk-init's hooks run with husky, pre-commit (the pre-commit framework) or lefthook.`,
        'npx trunk-init --hooks pre-commit   (or --hooks lefthook, --hooks husky)',
      );
    return requested as HookManager;
  }
  const found = managerConfigs(root);
  if (found.length > 1)
    throw errors.usage(
      `${root} has a config for the pre-commit framework (${found[0].file}) and for lefthook (${found[1].file}); trunk-init adds its hooks to one.`,
      'npx trunk-init --hooks pre-commit   (or --hooks lefthook)',
    );
  return found[0]?.manager ?? 'husky';
}

const run = (command: string, args: string[], cwd: string, quiet = true) =>
  spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    stdio: quiet ? 'pipe' : ['ignore', 2, 2],
    shell: process.platform === 'win32',
  });

/** The stage names the installed pre-commit accepts (the current ones when it is not installed here). */
function stageNames(root: string): StageNames {
  const version = /(\d+\.\d+\.\d+)/.exec(run('pre-commit', ['--version'], root).stdout ?? '')?.[1];
  return version && lt(version, '3.2.0') ? 'legacy' : 'hooks';
}

const lefthookFile = (root: string) => LEFTHOOK_CONFIGS.find((file) => existsSync(join(root, file))) ?? 'lefthook.yml';
const scriptPath = (dir: string, hook: HookName) => `${dir}/${hook}/${SCRIPT}`;

/** The config change, noting the trunk hooks the user's own entries run too (they would run twice). */
function withTwice(change: Change, ownCalls: (text: string) => HookName[]): Change {
  const own = ownCalls(change.content);
  return own.length
    ? { ...change, note: `your own entries also run trunk's ${own.join(', ')}: remove them, or those checks run twice` }
    : change;
}

/**
 * The files trunk-init writes to run its checks with `manager`: the entries in its config and, for lefthook, the
 * scripts they name, which lefthook runs even when no file is staged or pushed.
 */
export function planManagerHooks(root: string, manager: ConfiguredManager, force: boolean): Change[] {
  if (manager === 'pre-commit')
    return [
      withTwice(
        planTransform(root, PRE_COMMIT_CONFIG, (text) => withPreCommitEntries(text, stageNames(root))),
        (text) => preCommitCalls(withoutPreCommitEntries(text)).calls,
      ),
    ];
  const file = lefthookFile(root);
  if (!/\.ya?ml$/.test(file))
    throw errors.hookConfigByHand(
      file,
      'is not YAML',
      `add under each of ${TRUNK_HOOKS.join(', ')}: scripts: { ${SCRIPT}: { runner: sh } } (pre-push also use_stdin: true)`,
    );
  const dir = lefthookSourceDir(readText(root, file), file);
  return [
    withTwice(
      planTransform(root, file, (text) => withLefthookEntries(text, file)),
      (text) => lefthookCalls(withoutLefthookEntries(text, file), file).calls,
    ),
    ...TRUNK_HOOKS.map((hook) =>
      planFile(root, scriptPath(dir, hook), lefthookScript(hook), {
        mode: 0o755,
        force,
        ours: (text) => text.includes(SCRIPT_MARK),
      }),
    ),
    planLines(root, '.gitattributes', [`${dir}/*/${SCRIPT} text eol=lf`]),
  ];
}

const INSTALL: Record<ConfiguredManager, { fingerprint: string; next: string }> = {
  // `pre-commit install` sets up the hook types the config lists in default_install_hook_types.
  'pre-commit': {
    fingerprint: 'pre-commit.com',
    next: 'install pre-commit (pipx install pre-commit, or apt-get install pre-commit), then run: pre-commit install',
  },
  lefthook: {
    fingerprint: 'LEFTHOOK',
    next: 'add lefthook (npm i -D lefthook, or https://lefthook.dev/installation), then run: npx lefthook install',
  },
};

/** Whether the manager's git hook is installed for each of trunk's hooks. */
export function managerInstalled(repo: Repo, manager: ConfiguredManager): boolean {
  return TRUNK_HOOKS.every((hook) =>
    (readText(repo.commonDir, `hooks/${hook}`) ?? '').includes(INSTALL[manager].fingerprint),
  );
}

/**
 * What becomes of the clone's own hooks: the pre-commit framework keeps running each as `<hook>.legacy`; lefthook
 * renames one to `<hook>.old` and runs it no more (git-lfs's hooks it runs itself). One line each to print.
 */
export function ownHookNotes(root: string, manager: ConfiguredManager, own: OwnHook[]): string[] {
  if (manager === 'pre-commit') return [];
  return own
    .filter(
      (hook) =>
        (TRUNK_HOOKS as readonly string[]).includes(hook.name) && hook.kind !== 'lefthook' && hook.kind !== 'git-lfs',
    )
    .map(
      (hook) =>
        `note      lefthook install renames .git/hooks/${hook.name} (${hook.kind}) to ${hook.name}.old and stops running it: run it from ${lefthookFile(root)}`,
    );
}

/** Sets up the manager's git hooks with its own installer when it is installed here; else says how. One line to print. */
export function installManagerHooks(repo: Repo, manager: ConfiguredManager): string {
  const local = join(repo.root, 'node_modules/.bin/lefthook');
  const command = manager === 'pre-commit' ? 'pre-commit' : existsSync(local) ? local : 'lefthook';
  const probe = run(command, ['--version'], repo.root);
  if (probe.error || probe.status !== 0) return `  next    ${INSTALL[manager].next}`;
  const result = run(command, ['install'], repo.root, false);
  if (result.error || result.status !== 0)
    throw errors.installFailed(`${manager} install`, result.error ?? new Error(`exit code ${result.status}`));
  return `  hooks   ${manager} install: ${TRUNK_HOOKS.join(', ')}`;
}

/**
 * For `--uninstall`: every hook manager config in `root` without trunk-init's entries (removed when nothing else is
 * left in it), and lefthook's scripts that are trunk-init's (by their first lines).
 */
export function planManagerRemoval(root: string): Change[] {
  const changes: Change[] = [];
  for (const { manager, file } of managerConfigs(root)) {
    if (manager === 'lefthook' && !/\.ya?ml$/.test(file)) continue;
    const text = readFileSync(join(root, file), 'utf8');
    const left = manager === 'pre-commit' ? withoutPreCommitEntries(text, file) : withoutLefthookEntries(text, file);
    if (left !== text)
      changes.push(
        left.trim() === '' || left.trim() === 'repos: []'
          ? { path: file, action: 'remove', content: '' }
          : { path: file, action: 'update', content: left, note: "trunk-init's hooks taken out" },
      );
    if (manager === 'lefthook')
      for (const hook of TRUNK_HOOKS) {
        const path = scriptPath(lefthookSourceDir(text, file), hook);
        if (readText(root, path)?.includes(SCRIPT_MARK)) changes.push({ path, action: 'remove', content: '' });
      }
  }
  return changes;
}
