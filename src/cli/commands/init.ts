// `trunk-init`: bootstraps a repository: package.json, husky hooks path, shims, commitlint and trunk config.
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { commitlintFiles } from '../../adapters/config/commitlint.js';
import { editJson, planConfigEdit, type ConfigEdit } from '../../adapters/config/edit.js';
import { CONFIG_FILES } from '../../adapters/config/files.js';
import { readJson } from '../../adapters/config/json-syntax.js';
import { loadPolicy } from '../../adapters/config/load.js';
import { originOf } from '../../adapters/files/generated.js';
import { createInitialCommit, isEmptyRepo } from '../../adapters/git/initial-commit.js';
import { openRepo, tagNames, type Repo } from '../../adapters/git/repo.js';
import { readTrunk } from '../../adapters/git/trunk.js';
import {
  assertHooksPathFree,
  dispatched,
  HOOKS_PATH,
  HUSKY_DIR,
  huskyInstalled,
  installHusky,
  ownHooks,
  readHooksPath,
  type OwnHook,
} from '../../adapters/hooks/install.js';
import {
  chooseHookManager,
  installManagerHooks,
  managerInstalled,
  ownHookNotes,
  planManagerHooks,
} from '../../adapters/hooks/manager-setup.js';
import type { HookManager } from '../../adapters/hooks/managers.js';
import { recordInstall } from '../../adapters/hooks/record.js';
import { applyPlan, planFile, planLines, planTransform, writes, type Change } from '../../adapters/files/plan.js';
import { detectPackageManager, LOCKFILES, runInstall } from '../../adapters/package-manager.js';
import { hasBlock, withBlock } from '../../core/bootstrap/hook-block.js';
import { TRUNK_HOOKS } from '../../core/hook-managers/hooks.js';
import { packageName, withTrunkInit } from '../../core/bootstrap/package-json.js';
import { appName } from '../../core/environments/layout.js';
import { profile, type GitopsSettings } from '../../core/environments/model.js';
import { findGitopsTool, GITOPS_TOOLS } from '../../core/gitops/registry.js';
import type { GitopsTool } from '../../core/gitops/tool.js';
import { defaultPolicy, type Policy } from '../../core/policy/policy.js';
import { tagStyle } from '../../core/versioning/tag-style.js';
import { wordList } from '../../core/word-list.js';
import { Exit, errors, type ExitCode } from '../../errors.js';
import { layoutNotes, manifestsFor, originRepoUrl } from '../../flows/manifests.js';
import { defineCommand, USAGE } from '../args.js';
import type { Forge } from '../forges/forge.js';
import { findForge, FORGES } from '../forges/registry.js';
import type { Command, Io } from '../main.js';
import { finishUninstall, planUninstall } from '../uninstall.js';
import { COMMITLINT_CONFIG_VERSION, HUSKY_VERSION, VERSION } from '../version.js';

const asset = (path: string) => readFileSync(join(import.meta.dirname, '..', path), 'utf8');
const INITIAL_COMMIT = 'chore: bootstrap trunk-based development with trunk-init';

/**
 * CI workflows and forge rules for `--ci`: the same policy on every pull request and on the forge itself; with
 * GitOps manifests, every pull request also has its manifests compared with its config.
 */
function planCi(
  root: string,
  ci: Forge,
  trunk: string,
  tagPrefix: string,
  envs: EnvRequest | null,
  force: boolean,
): Change[] {
  const ours = (text: string) => text.includes('Managed by trunk-init');
  // Promotion by hand exists where a stable environment is fed by candidates (--envs 3): prod.
  const promotable = envs?.count === 3 && envs.prod === 'stable' ? ['prod'] : [];
  return ci
    .ciFiles({ trunk, tagPrefix, manifests: Boolean(envs?.tool), promotable })
    .map((file) => planFile(root, file.path, file.text, file.managed ? { force, ours } : { force }));
}

interface EnvRequest {
  count: 2 | 3;
  prod: 'stable' | 'previous';
  tool?: GitopsTool;
  repoUrl?: string;
  /** gitops.path: the repository's own layout (`apps/{app}/overlays/{env}`). */
  path?: string;
}

/**
 * The config and the pointer manifests for `--envs` / `--gitops`. An existing JSON config is edited in place, key by
 * key (a `trunk` key in package.json: `packageEdits`, applied with trunk-init's own package.json change). The URL
 * and the app name are written down, so every clone generates the same manifests.
 */
async function planEnvironments(
  repo: Repo,
  request: EnvRequest,
  template: string,
  adopted: Pick<Policy, 'trunk' | 'tagPrefix'>,
  force: boolean,
) {
  // An invalid config stops here with its own error: environments are never added to a file that cannot be read.
  const existing = await loadPolicy(repo.root, repo.commonDir, VERSION);
  const base = existing.file ? existing.policy : { ...defaultPolicy, ...adopted };
  const environments = profile(request.count, request.prod);
  const repoUrl = request.repoUrl ?? base.gitops.repoUrl ?? (await originRepoUrl(repo)) ?? undefined;
  const gitops: Partial<GitopsSettings> = {
    ...(request.tool
      ? { tool: request.tool.id, repoUrl, app: base.gitops.app ?? appName(basename(repo.root)) }
      : request.repoUrl
        ? { repoUrl }
        : {}),
    ...(request.path ? { path: request.path } : {}),
  };
  const edits: ConfigEdit[] = [
    [['environments'], environments],
    ...Object.entries(gitops).map(([key, value]): ConfigEdit => [['gitops', key], value]),
  ];
  const file = existing.file ?? 'trunk.config.json';
  const config =
    file === 'package.json'
      ? null
      : existing.file
        ? planTransform(repo.root, file, () => planConfigEdit(repo.root, file, edits, 'add the environments').content)
        : planFile(repo.root, file, editJson(template, edits), { force });
  const packageEdits =
    file === 'package.json' ? edits.map(([path, value]): ConfigEdit => [['trunk', ...path], value]) : [];
  if (!request.tool) return { config, packageEdits, manifests: [], notes: [] };
  const policy = { ...base, environments, gitops: { ...base.gitops, ...gitops } };
  const files = await manifestsFor(repo, policy, file, request.tool, await tagNames(repo));
  const manifests = files.map((f) =>
    planFile(repo.root, f.path, f.content, { force, ours: (text) => originOf(text) === 'generated' }),
  );
  return { config, packageEdits, manifests, notes: await layoutNotes(repo, policy, request.tool) };
}

/**
 * trunk-init's block in .husky/<hook>, for its four hooks and for every hook the clone has of its own (which git
 * stops running once core.hooksPath is set, and which the block runs first). A hook file of the user's keeps
 * every line; the block goes after its shebang.
 */
function planHooks(root: string, own: OwnHook[]): Change[] {
  const names = [...new Set([...TRUNK_HOOKS, ...own.map((h) => h.name)])];
  return names.map((hook) => {
    const change = planTransform(root, `${HUSKY_DIR}/${hook}`, (existing) => withBlock(existing, hook));
    const theirs = typeof change.before === 'string' && !hasBlock(change.before, hook);
    return {
      ...change,
      mode: change.before === null ? 0o755 : undefined,
      note: theirs ? "yours: every line kept, trunk-init's block added" : undefined,
    };
  });
}

async function planInit(
  repo: Repo,
  force: boolean,
  ci: Forge | undefined,
  envs: EnvRequest | null,
  own: OwnHook[],
  manager: HookManager,
): Promise<{ plan: Change[]; notes: string[] }> {
  const root = repo.root;
  const pkg = (existsSync(join(root, 'package.json')) ? readJson(root, 'package.json') : {}) as {
    trunk?: unknown;
    commitlint?: unknown;
  };
  // The trunk and the tag spelling this repository already has; a new config says where they are not the defaults.
  const { trunk, localName } = await readTrunk(repo);
  const tags = tagStyle(await tagNames(repo));
  const adoption = [
    ...(localName
      ? [
          `${'trunk'.padEnd(9)} "${trunk}", origin's default branch, which this clone calls ${localName}: git branch -m ${localName} ${trunk}`,
        ]
      : []),
    ...(tags.note ? [`${'tags'.padEnd(9)} ${tags.note}`] : []),
  ];
  // With a CI release workflow, CI alone tags releases; local merges only preview them (no duplicate tags).
  const trunkConfig = asset('templates/trunk.config.json')
    .replace('"trunk": "main"', `"trunk": "${trunk}"`)
    .replace('"tagPrefix": "v"', `"tagPrefix": "${tags.prefix}"`)
    .replace('"onMerge": "tag"', `"onMerge": "${ci ? 'notes' : 'tag'}"`);
  const gitops = envs
    ? await planEnvironments(repo, envs, trunkConfig, { trunk, tagPrefix: tags.prefix }, force)
    : null;
  // With --envs, the config is the one planEnvironments edits (or none apart: it lives in package.json).
  const config = gitops
    ? gitops.config
    : planFile(root, 'trunk.config.json', trunkConfig, {
        force,
        alternatives: [...CONFIG_FILES.filter((f) => f !== 'package.json'), ...(pkg.trunk ? ['package.json'] : [])],
      });
  const written = config?.action === 'create' || config?.action === 'overwrite';
  const plan = [
    planTransform(root, 'package.json', (text) =>
      editJson(
        withTrunkInit(text, packageName(basename(root)), {
          trunkInit: VERSION,
          husky: manager === 'husky' ? HUSKY_VERSION : undefined,
          commitlintConfig: COMMITLINT_CONFIG_VERSION,
        }),
        gitops?.packageEdits ?? [],
      ),
    ),
    // With the pre-commit framework or lefthook, their config runs the checks: no husky, no .husky files.
    ...(manager === 'husky' ? planHooks(root, own) : planManagerHooks(root, manager, force)),
    planFile(root, '.commitlintrc.json', asset('templates/.commitlintrc.json'), {
      force,
      alternatives: [...commitlintFiles(root), ...(pkg.commitlint ? ['package.json'] : [])],
    }),
    ...(config ? [config] : []),
    ...(manager === 'husky' ? [planLines(root, '.gitattributes', [`${HUSKY_DIR}/* text eol=lf`])] : []),
    planLines(root, '.gitignore', ['node_modules']),
    ...(gitops?.manifests ?? []),
    ...(ci
      ? planCi(
          root,
          ci,
          trunk,
          await loadPolicy(root, repo.commonDir, VERSION).then(
            (l) => (l.file ? l.policy.tagPrefix : tags.prefix),
            () => tags.prefix,
          ),
          envs,
          force,
        )
      : []),
  ];
  return {
    plan,
    notes: [
      ...(manager === 'husky' ? [] : ownHookNotes(root, manager, own)),
      ...(written ? adoption : []),
      ...(gitops?.notes ?? []),
    ],
  };
}

/** The plan, one line a file, then the hooks chained and the notes on the repository's layout. */
function describePlan(plan: Change[], own: OwnHook[] = [], notes: string[] = []): string {
  const chained = own.map(
    (h) =>
      `  chain     ${join(HUSKY_DIR, h.name)} runs this clone's .git/hooks/${h.name} (${h.kind}) first, with git's arguments and stdin`,
  );
  return [
    ...plan.map((c) => `  ${c.action.padEnd(9)} ${c.path}${c.note ? ` (${c.note})` : ''}`),
    ...chained,
    ...notes.map((note) => `  ${note}`),
  ].join('\n');
}

async function confirm(io: Io): Promise<boolean> {
  const rl = createInterface({ input: io.stdin, output: process.stderr });
  const answer = await rl.question('Write these files? [Y/n] ');
  rl.close();
  return !/^n/i.test(answer.trim());
}

/** What --envs, --prod, --gitops, --repo-url and --path ask for, checked; null when none is given. */
function envRequest(values: {
  envs?: string;
  prod?: string;
  gitops?: string;
  'repo-url'?: string;
  path?: string;
}): EnvRequest | null {
  if (
    values.envs === undefined &&
    values.gitops === undefined &&
    values.prod === undefined &&
    values['repo-url'] === undefined &&
    values.path === undefined
  )
    return null;
  const count = Number(values.envs ?? 2);
  if (count !== 2 && count !== 3)
    throw errors.usage(
      `--envs ${values.envs} is not a profile: trunk-init writes 2 (qa: main, prod: latest release) or 3 (dev, qa: candidates, prod: releases); more than three long-lived environments is a cost to avoid.`,
      'npx trunk-init --envs 3   (edit "environments" in trunk.config.json for anything else)',
    );
  if (values.prod !== undefined && values.prod !== 'stable' && (values.prod !== 'previous' || count !== 3))
    throw errors.usage(
      `--prod ${values.prod} is not supported: prod follows the latest release (stable), or with --envs 3 the one before it (previous) (qa: latest release, prod: the one before).`,
      'npx trunk-init --envs 3 --prod previous',
    );
  const tool = values.gitops === undefined ? undefined : findGitopsTool(values.gitops);
  if (values.gitops !== undefined && !tool)
    throw errors.usage(
      `--gitops ${values.gitops} is not supported: the manifests are for ${wordList(
        GITOPS_TOOLS.map((t) => t.id),
        'and',
      )}.`,
      `npx trunk-init --gitops ${GITOPS_TOOLS[0].id} --envs 3`,
    );
  if (values.path !== undefined && (!/^[^\s/]/.test(values.path) || values.path.split('/').includes('..')))
    throw errors.usage(
      `--path "${values.path}" is not a directory inside the repository: it is relative to its root, with {app} and {env} where their names go.`,
      "npx trunk-init --gitops argocd --path 'apps/{app}/overlays/{env}'",
    );
  return {
    count,
    prod: values.prod === 'previous' ? 'previous' : 'stable',
    tool,
    repoUrl: values['repo-url'],
    path: values.path,
  };
}

/** `--uninstall`: the plan, then (unless --dry-run) its writes, core.hooksPath, and what stays. */
async function uninstall(io: Io, dryRun: boolean, purge: boolean): Promise<ExitCode> {
  const repo = await openRepo(io.cwd);
  const plan = await planUninstall(repo, purge);
  io.err(
    `trunk-init: ${dryRun ? 'would remove' : 'removing'} trunk-init from ${repo.root}\n${describePlan(plan.changes)}`,
  );
  if (plan.unsetHooksPath) io.err(`  hooks     core.hooksPath unset: git runs this clone's own .git/hooks again`);
  for (const line of plan.kept) io.err(`  keep      ${line}`);
  if (dryRun) return Exit.Ok;
  applyPlan(repo.root, plan.changes);
  await finishUninstall(repo, plan);
  io.err(
    "trunk-init: uninstalled. node_modules and the lockfile are your package manager's: run npm install (or pnpm/yarn) to update them.",
  );
  return Exit.Ok;
}

export const run: Command = defineCommand(USAGE.init, async ({ values }, io) => {
  if (values.uninstall) return uninstall(io, Boolean(values['dry-run']), Boolean(values.purge));
  const ci = values.ci === undefined ? undefined : findForge(values.ci);
  if (values.ci !== undefined && !ci) {
    const [first, ...others] = FORGES.map((f) => f.id);
    throw errors.usage(
      `--ci ${values.ci} is not supported: the CI templates are for ${wordList([first, ...others], 'and')}.`,
      `npx trunk-init --ci ${first}   (or ${others.map((id) => `--ci ${id}`).join(' or ')})`,
    );
  }
  const envs = envRequest(values);
  const repo = await openRepo(io.cwd);
  const hooksPath = await readHooksPath(repo);
  assertHooksPathFree(hooksPath);
  // An install made with husky stays with husky unless --hooks says otherwise; else a pre-commit or lefthook config decides.
  const manager = chooseHookManager(
    repo.root,
    values.hooks ?? (huskyInstalled(repo.root, hooksPath) ? 'husky' : undefined),
  );
  if (manager !== 'husky' && hooksPath) throw errors.hooksPathTaken(hooksPath);
  const own = ownHooks(repo);
  // husky's blocks run the clone's own hooks; another manager installs its own in their place.
  const chained = manager === 'husky' ? own : [];
  const { plan, notes } = await planInit(repo, Boolean(values.force), ci, envs, own, manager);
  const pending = writes(plan);
  const needsInstall =
    !values['no-install'] &&
    (pending.some((c) => c.path === 'package.json') || !existsSync(join(repo.root, 'node_modules/trunk-init')));
  const empty = await isEmptyRepo(repo);
  const hooksInstalled =
    manager === 'husky'
      ? huskyInstalled(repo.root, hooksPath) && chained.every((h) => dispatched(repo.root, h.name))
      : managerInstalled(repo, manager);
  if (pending.length === 0 && !needsInstall && hooksInstalled && !empty) {
    io.err(`trunk-init: nothing to do; ${repo.root} is already set up.\n${describePlan(plan, chained, notes)}`);
    return Exit.Ok;
  }
  io.err(
    `trunk-init: ${values['dry-run'] ? 'would change' : 'setting up'} ${repo.root}\n${describePlan(plan, chained, notes)}`,
  );
  if (values['dry-run']) {
    if (needsInstall) io.err(`  would run ${detectPackageManager(repo.root)} install`);
    if (empty) io.err('  would create the initial commit on the trunk');
    return Exit.Ok;
  }
  if (!values.yes && io.stdin.isTTY && !(await confirm(io))) {
    io.err('trunk-init: nothing written.');
    return Exit.Ok;
  }
  applyPlan(repo.root, plan);
  recordInstall(repo.commonDir, plan, manager === 'husky' && hooksPath === null);
  if (needsInstall) runInstall(repo.root, detectPackageManager(repo.root));
  if (manager === 'husky') {
    const extra = await installHusky(
      repo,
      chained.map((h) => h.name),
    );
    io.err(`  hooks   core.hooksPath = ${HOOKS_PATH}`);
    for (const hook of extra)
      io.err(
        `  hooks   ${HOOKS_PATH}/${hook} added: husky does not dispatch ${hook}; in another clone that has .git/hooks/${hook}, run npx trunk-init there too`,
      );
  } else io.err(installManagerHooks(repo, manager));
  if (empty) {
    const { policy } = await loadPolicy(repo.root, repo.commonDir, VERSION);
    const lockfiles = Object.values(LOCKFILES).filter((f) => existsSync(join(repo.root, f)));
    const paths = [...plan.filter((c) => existsSync(join(repo.root, c.path))).map((c) => c.path), ...lockfiles];
    await createInitialCommit(repo, policy.trunk, paths, INITIAL_COMMIT);
    io.err(`  commit  "${INITIAL_COMMIT}" on ${policy.trunk} (the one direct commit the policy allows)`);
  }
  io.err(
    'trunk-init: done. Work on feature/* branches cut from the trunk; check this clone any time with: npx trunk doctor',
  );
  return Exit.Ok;
});
