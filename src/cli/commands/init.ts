// `trunk-init`: bootstraps a repository: package.json, husky hooks path, shims, commitlint and trunk config.
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { commitlintFiles } from '../../adapters/config/commitlint.js';
import { CONFIG_FILES, loadPolicy } from '../../adapters/config/load.js';
import { createInitialCommit, isEmptyRepo } from '../../adapters/git/initial-commit.js';
import { openRepo, type Repo } from '../../adapters/git/repo.js';
import { assertHooksPathFree, FINGERPRINT, HOOKS, HOOKS_PATH, HUSKY_DIR, huskyInstalled, installHusky, readHooksPath } from '../../adapters/hooks/install.js';
import { applyPlan, planFile, planLines, planTransform, writes, type Change } from '../../adapters/hooks/scaffold.js';
import { detectPackageManager, LOCKFILES, runInstall } from '../../adapters/package-manager.js';
import { packageName, withTrunkInit } from '../../core/bootstrap/package-json.js';
import { Exit, errors } from '../../errors.js';
import type { Command, Io } from '../main.js';
import { COMMITLINT_CONFIG_VERSION, HUSKY_VERSION, VERSION } from '../version.js';

const asset = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const INITIAL_COMMIT = 'chore: bootstrap trunk-based development with trunk-init';

/** The trunk for a new config: main, unless this repository's history lives on master or trunk only. */
async function detectTrunk(repo: Repo): Promise<string> {
  const branches = (await repo.git(['for-each-ref', '--format=%(refname:short)', 'refs/heads/main', 'refs/heads/master', 'refs/heads/trunk'])).split('\n');
  return branches.includes('main') ? 'main' : (branches.find((b) => b === 'master' || b === 'trunk') ?? 'main');
}

type Ci = 'github' | 'gitlab';

/** CI workflows and forge rules for `--ci`: the same policy on every pull request and on the forge itself. */
function planCi(root: string, ci: Ci, trunk: string, tagPrefix: string, force: boolean): Change[] {
  const fill = (path: string) => asset(`templates/ci/${path}`).replaceAll('__TRUNK__', trunk).replaceAll('__TAG_PREFIX__', tagPrefix);
  const ours = (text: string) => text.includes('Managed by trunk-init');
  if (ci === 'gitlab') return [planFile(root, '.gitlab-ci.yml', fill('gitlab/gitlab-ci.yml'), { force, ours })];
  return [
    planFile(root, '.github/workflows/trunk-check.yml', fill('github/trunk-check.yml'), { force, ours }),
    planFile(root, '.github/workflows/trunk-release.yml', fill('github/trunk-release.yml'), { force, ours }),
    planFile(root, '.github/rulesets/trunk.json', fill('github/ruleset-trunk.json'), { force }),
    planFile(root, '.github/rulesets/release-tags.json', fill('github/ruleset-release-tags.json'), { force }),
  ];
}

async function planInit(repo: Repo, force: boolean, ci: Ci | undefined): Promise<Change[]> {
  const root = repo.root;
  const pkg = existsSync(join(root, 'package.json')) ? JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) : {};
  const trunk = await detectTrunk(repo);
  // With a CI release workflow, CI alone tags releases; local merges only preview them (no duplicate tags).
  const trunkConfig = asset('templates/trunk.config.json')
    .replace('"trunk": "main"', `"trunk": "${trunk}"`)
    .replace('"onMerge": "tag"', `"onMerge": "${ci ? 'notes' : 'tag'}"`);
  return [
    planTransform(root, 'package.json', (text) => withTrunkInit(text, packageName(basename(root)), { trunkInit: VERSION, husky: HUSKY_VERSION, commitlintConfig: COMMITLINT_CONFIG_VERSION })),
    ...HOOKS.map((hook) => planFile(root, `${HUSKY_DIR}/${hook}`, asset(`hooks/${hook}`), { mode: 0o755, force, ours: (text) => text.includes(FINGERPRINT) })),
    planFile(root, '.commitlintrc.json', asset('templates/.commitlintrc.json'), { force, alternatives: [...commitlintFiles(root), ...(pkg.commitlint ? ['package.json'] : [])] }),
    planFile(root, 'trunk.config.json', trunkConfig, { force, alternatives: [...CONFIG_FILES.filter((f) => f !== 'package.json'), ...(pkg.trunk ? ['package.json'] : [])] }),
    planLines(root, '.gitattributes', [`${HUSKY_DIR}/* text eol=lf`]),
    planLines(root, '.gitignore', ['node_modules']),
    ...(ci ? planCi(root, ci, trunk, await loadPolicy(root, repo.commonDir, VERSION).then((l) => l.policy.tagPrefix, () => 'v'), force) : []),
  ];
}

function describePlan(plan: Change[]): string {
  return plan.map((c) => `  ${c.action.padEnd(9)} ${c.path}${c.note ? ` (${c.note})` : ''}`).join('\n');
}

async function confirm(io: Io): Promise<boolean> {
  const rl = createInterface({ input: io.stdin, output: process.stderr });
  const answer = await rl.question('Write these files? [Y/n] ');
  rl.close();
  return !/^n/i.test(answer.trim());
}

export const run: Command = async (args, io) => {
  const { values } = parseArgs({
    args,
    options: { yes: { type: 'boolean', short: 'y' }, 'dry-run': { type: 'boolean' }, force: { type: 'boolean' }, 'no-install': { type: 'boolean' }, ci: { type: 'string' } },
  });
  if (values.ci !== undefined && values.ci !== 'github' && values.ci !== 'gitlab')
    throw errors.usage(`--ci ${values.ci} is not supported: the CI templates are for github and gitlab.`, 'npx trunk-init --ci github   (or --ci gitlab)');
  const repo = await openRepo(io.cwd);
  const hooksPath = await readHooksPath(repo);
  assertHooksPathFree(hooksPath);
  const plan = await planInit(repo, Boolean(values.force), values.ci as Ci | undefined);
  const pending = writes(plan);
  const needsInstall = !values['no-install'] && (pending.some((c) => c.path === 'package.json') || !existsSync(join(repo.root, 'node_modules/trunk-init')));
  const empty = await isEmptyRepo(repo);
  if (pending.length === 0 && !needsInstall && huskyInstalled(repo.root, hooksPath) && !empty) {
    io.err(`trunk-init: nothing to do; ${repo.root} is already set up.\n${describePlan(plan)}`);
    return Exit.Ok;
  }
  io.err(`trunk-init: ${values['dry-run'] ? 'would change' : 'setting up'} ${repo.root}\n${describePlan(plan)}`);
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
  if (needsInstall) runInstall(repo.root, detectPackageManager(repo.root));
  await installHusky(repo);
  io.err(`  hooks   core.hooksPath = ${HOOKS_PATH}`);
  if (empty) {
    const { policy } = await loadPolicy(repo.root, repo.commonDir, VERSION);
    const lockfiles = Object.values(LOCKFILES).filter((f) => existsSync(join(repo.root, f)));
    const paths = [...plan.filter((c) => existsSync(join(repo.root, c.path))).map((c) => c.path), ...lockfiles];
    await createInitialCommit(repo, policy.trunk, paths, INITIAL_COMMIT);
    io.err(`  commit  "${INITIAL_COMMIT}" on ${policy.trunk} (the one direct commit the policy allows)`);
  }
  io.err('trunk-init: done. Work on feature/* branches cut from the trunk; check this clone any time with: npx trunk doctor');
  return Exit.Ok;
};
