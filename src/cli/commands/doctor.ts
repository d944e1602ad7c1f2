// `trunk doctor`: is this clone actually protected? One line per check, a fix for each problem.
// `trunk doctor --forge`: does GitHub hold the rulesets trunk-init generates for this config (needs a token)?
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_IN_USE, loadCommitlint } from '../../adapters/config/commitlint.js';
import { loadPolicy } from '../../adapters/config/load.js';
import { readText } from '../../adapters/files/plan.js';
import { dispatched, HOOKS_PATH, HUSKY_DIR, ownHooks, readHooksPath } from '../../adapters/hooks/install.js';
import { managerInstalled } from '../../adapters/hooks/manager-setup.js';
import { managerHooks, type ManagerReport } from '../../adapters/hooks/managers.js';
import { readGithubRulesets } from '../../adapters/forge/github-rulesets.js';
import { openRepo, originUrl, type Repo } from '../../adapters/git/repo.js';
import { readTrunkAlias } from '../../adapters/git/trunk.js';
import { hasBlock, runsTrunkHook } from '../../core/bootstrap/hook-block.js';
import { TRUNK_HOOKS } from '../../core/hook-managers/hooks.js';
import { rulesetGaps, type Ruleset } from '../../core/forge/rulesets.js';
import { Exit, TrunkError } from '../../errors.js';
import { githubRulesets } from '../forges/github.js';
import { defineCommand, USAGE } from '../args.js';
import type { Command } from '../main.js';
import { VERSION } from '../version.js';

interface Check {
  name: string;
  problem?: string;
  fix?: string;
}

/** husky: core.hooksPath at .husky/_, each .husky/<hook> running its check, the clone's own hooks chained. */
function checkHusky(repo: Repo, hooksPath: string | null): Check[] {
  const checks: Check[] = [
    hooksPath !== HOOKS_PATH
      ? {
          name: 'hooks path',
          problem: `core.hooksPath is ${hooksPath ? `"${hooksPath}"` : 'not set'}, so git does not run the trunk hooks`,
          fix: 'npm install (its prepare script runs husky), or: npx trunk-init',
        }
      : dispatched(repo.root, 'pre-commit')
        ? { name: `git runs hooks from ${HOOKS_PATH}` }
        : {
            name: 'hooks',
            problem: `${HOOKS_PATH} is missing in this work tree (a linked worktree, or husky never ran here), so git runs no hooks`,
            fix: 'npx husky   (run it in this work tree)',
          },
  ];
  for (const hook of TRUNK_HOOKS) {
    const file = join(HUSKY_DIR, hook);
    const text = readText(repo.root, file);
    if (text === null)
      checks.push({
        name: file,
        problem: `${file} is missing, so the ${hook} check does not run`,
        fix: 'npx trunk-init',
      });
    else if (!runsTrunkHook(text, hook))
      checks.push({
        name: file,
        problem: `${file} does not run the ${hook} check`,
        fix: `npx trunk-init   (adds its block to ${file}; every line of yours stays)`,
      });
    else if (text.includes('\r\n'))
      checks.push({
        name: file,
        problem: `${file} has CRLF line endings, which break sh`,
        fix: `git add --renormalize ${HUSKY_DIR} (trunk-init's .gitattributes keeps hooks LF)`,
      });
    else checks.push({ name: `${file} runs the ${hook} check` });
  }
  // While core.hooksPath is set, git ignores the clone's own hooks: each must be run from .husky/ (chained).
  if (hooksPath)
    for (const own of ownHooks(repo)) {
      const file = join(HUSKY_DIR, own.name);
      const chained =
        hooksPath === HOOKS_PATH &&
        dispatched(repo.root, own.name) &&
        hasBlock(readText(repo.root, file) ?? '', own.name);
      checks.push(
        chained
          ? { name: `.git/hooks/${own.name} (${own.kind}) runs from ${file}` }
          : {
              name: own.name,
              problem: `git does not run .git/hooks/${own.name} (${own.kind}): core.hooksPath is "${hooksPath}"`,
              fix:
                hooksPath === HOOKS_PATH
                  ? `npx trunk-init   (runs it from ${file})`
                  : `call it from ${join(hooksPath, own.name)}`,
            },
      );
    }
  return checks;
}

/** The pre-commit framework or lefthook: its config runs each check, fully, and its git hooks are installed. */
function checkManager(repo: Repo, report: ManagerReport): Check[] {
  if (!report.readable)
    return [
      {
        name: report.file,
        problem: `${report.file} could not be read, so which of trunk's checks ${report.manager} runs is unknown`,
        fix: `fix the syntax of ${report.file} (trunk doctor reads YAML and JSON), then run: npx trunk doctor`,
      },
    ];
  const checks: Check[] = TRUNK_HOOKS.map((hook) =>
    report.calls.includes(hook)
      ? { name: `${report.file} runs the ${hook} check` }
      : {
          name: hook,
          problem: `${report.file} does not run the ${hook} check`,
          fix: `npx trunk-init --hooks ${report.manager}   (adds trunk-init's entries; yours stay)`,
        },
  );
  checks.push(...report.problems.map((p) => ({ name: p.hook, problem: p.message, fix: p.fix })));
  checks.push(
    managerInstalled(repo, report.manager)
      ? { name: `${report.manager}'s git hooks are installed` }
      : {
          name: 'install',
          problem: `${report.manager}'s git hooks are not all installed in .git/hooks, so git does not run every check`,
          fix: report.manager === 'pre-commit' ? 'pre-commit install' : 'npx lefthook install',
        },
  );
  return checks;
}

/** Who runs the hooks (husky, or the hook manager whose config runs trunk's checks) and whether each check runs. */
async function checkHooks(repo: Repo): Promise<Check[]> {
  const hooksPath = await readHooksPath(repo);
  // Without core.hooksPath, the repository's hook manager is the one whose config runs trunk's checks, else any.
  const managers = hooksPath === null ? managerHooks(repo.root) : [];
  const manager = managers.find((r) => r.calls.length > 0) ?? managers[0];
  const checks = manager ? checkManager(repo, manager) : checkHusky(repo, hooksPath);
  const cli = join(repo.root, 'node_modules/trunk-init/dist/hook.cjs'); // what the shims run
  checks.push(
    existsSync(cli)
      ? { name: 'the trunk CLI is installed' }
      : { name: 'CLI', problem: 'node_modules/trunk-init is missing, so every hook fails', fix: 'npm install' },
  );
  return checks;
}

/** Runs the shims' node search with the bare PATH a GUI git client gives hooks. */
function checkNode(repo: Repo, env: NodeJS.ProcessEnv): Check {
  const lib = existsSync(join(repo.root, 'node_modules/trunk-init/hooks/lib.sh'))
    ? join(repo.root, 'node_modules/trunk-init/hooks/lib.sh')
    : join(import.meta.dirname, '../hooks/lib.sh');
  try {
    const node = execFileSync('/bin/sh', ['-c', '. "$0"; trunk_find_node', lib], {
      env: {
        HOME: env.HOME,
        TRUNK_NODE: env.TRUNK_NODE,
        NVM_DIR: env.NVM_DIR,
        FNM_DIR: env.FNM_DIR,
        VOLTA_HOME: env.VOLTA_HOME,
        PATH: '/usr/bin:/bin:/usr/sbin:/sbin',
      },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return { name: `hooks find node without your shell's PATH (${node})` };
  } catch {
    return {
      name: 'node',
      problem: 'hooks started by GUI git clients and IDEs would not find node',
      fix: 'add `export TRUNK_NODE=/path/to/node` (see `command -v node`) to ~/.config/husky/init.sh',
    };
  }
}

/** trunk-init relies on git ≥ 2.31 (rev-parse --path-format). */
async function checkGit(repo: Repo): Promise<Check> {
  const version = (await repo.git(['version'])).trim().replace(/^git version /, '');
  const [major, minor] = version.split('.').map(Number);
  return major > 2 || (major === 2 && minor >= 31)
    ? { name: `git ${version}` }
    : {
        name: 'git',
        problem: `git ${version} is older than 2.31, which trunk-init needs`,
        fix: 'upgrade git (https://git-scm.com/downloads)',
      };
}

async function checkConfig(repo: Repo): Promise<Check[]> {
  const checks: Check[] = [];
  try {
    const { policy, file } = await loadPolicy(repo.root, repo.commonDir, VERSION);
    checks.push({ name: `config ${file ?? '(defaults)'} is valid` });
    const trunk = (await repo.git(['rev-parse', '--verify', '-q', `refs/heads/${policy.trunk}`])).trim();
    const alias = trunk ? null : await readTrunkAlias(repo, policy.trunk);
    checks.push(
      trunk
        ? { name: `trunk branch ${policy.trunk} exists` }
        : alias
          ? {
              name: 'trunk',
              problem: `the trunk branch "${policy.trunk}" does not exist here: this clone's ${alias} tracks origin/${policy.trunk} under another name`,
              fix: `git branch -m ${alias} ${policy.trunk}`,
            }
          : {
              name: 'trunk',
              problem: `the trunk branch "${policy.trunk}" does not exist here`,
              fix: `git branch ${policy.trunk} origin/${policy.trunk}   (or set "trunk" in your config)`,
            },
    );
  } catch (err) {
    if (!(err instanceof TrunkError)) throw err;
    checks.push({ name: 'config', problem: [err.message, ...err.details].join(' '), fix: err.fix });
  }
  try {
    const commitlint = await loadCommitlint(repo.root, repo.commonDir, VERSION);
    checks.push({ name: commitlint.fallback ? DEFAULT_IN_USE : 'commitlint config loads' });
  } catch (err) {
    if (!(err instanceof TrunkError)) throw err;
    checks.push({ name: 'commitlint', problem: err.message, fix: err.fix });
  }
  return checks;
}

/** owner/name from the origin URL's last two path segments (https://github.com/owner/name.git, git@github.com:owner/name). */
const githubSlug = (url: string | null) => url?.match(/[:/]([^/:]+\/[^/]+?)(?:\.git)?\/?$/)?.[1] ?? null;

/** The live GitHub rulesets against the ones trunk-init generates for this config, one check each. */
async function checkForge(repo: Repo, env: NodeJS.ProcessEnv): Promise<Check[]> {
  const slug = env.GITHUB_REPOSITORY || githubSlug(await originUrl(repo));
  const token = env.GITHUB_TOKEN || env.GH_TOKEN;
  if (!slug)
    return [
      {
        name: 'forge',
        problem: 'the GitHub repository is unknown: GITHUB_REPOSITORY is not set and origin has no owner/name',
        fix: 'GITHUB_REPOSITORY=owner/name npx trunk doctor --forge',
      },
    ];
  if (!token)
    return [
      {
        name: 'forge',
        problem: `there is no token to read the rulesets of ${slug}: GITHUB_TOKEN and GH_TOKEN are not set`,
        fix: 'GITHUB_TOKEN=$(gh auth token) npx trunk doctor --forge',
      },
    ];
  try {
    const { policy } = await loadPolicy(repo.root, repo.commonDir, VERSION);
    const live = await readGithubRulesets(env.GITHUB_API_URL || 'https://api.github.com', slug, token);
    return githubRulesets(policy.trunk, policy.tagPrefix).map(({ path, text }) => {
      const expected = JSON.parse(text) as Ruleset;
      const gaps = rulesetGaps(expected, live);
      return gaps.length
        ? {
            name: path,
            problem: `${slug} does not hold the ruleset "${expected.name}" (${path}): ${gaps.join('; ')}`,
            fix: `gh api repos/${slug}/rulesets --method POST --input ${path}   (npx trunk-init --ci github writes it; or edit the live one in Settings → Rules → Rulesets)`,
          }
        : { name: `${slug} holds the ruleset "${expected.name}" (${path})` };
    });
  } catch (err) {
    if (!(err instanceof TrunkError)) throw err;
    return [{ name: 'forge', problem: [err.message, ...err.details].join(' '), fix: err.fix }];
  }
}

export const run: Command = defineCommand(USAGE.doctor, async ({ values }, io) => {
  const repo = await openRepo(io.cwd);
  const checks = values.forge
    ? await checkForge(repo, io.env)
    : [await checkGit(repo), ...(await checkHooks(repo)), checkNode(repo, io.env), ...(await checkConfig(repo))];
  for (const c of checks) io.err(c.problem ? `✖ ${c.problem}\n  fix: ${c.fix}` : `✔ ${c.name}`);
  const problems = checks.filter((c) => c.problem).length;
  const subject = values.forge ? 'the forge' : 'this clone';
  io.err(
    problems
      ? `trunk: ${problems} problem${problems > 1 ? 's' : ''}: ${subject} is not fully protected.`
      : `trunk: ${subject} is protected.`,
  );
  return problems ? Exit.Refused : Exit.Ok;
});
