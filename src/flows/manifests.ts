// The pointer manifests the config gives for this repository (the apps as committed, the repository URL, the
// tags), how the files on disk differ from them, and the edit that changes environments in the config and the
// manifests together: shared by `trunk env`, `trunk release` (the `previous` rewrite), the push hooks and
// `trunk-init --gitops`.
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { readDirectories } from '../adapters/git/env-facts.js';
import { planConfigEdit, type ConfigEdit } from '../adapters/config/edit.js';
import type { LoadedPolicy } from '../adapters/config/files.js';
import { originUrl, type Repo } from '../adapters/git/repo.js';
import { originOf, stamp } from '../adapters/files/generated.js';
import { applyPlan, planFile, writes, type Change } from '../adapters/files/plan.js';
import type { Environment } from '../core/environments/model.js';
import {
  appName,
  appsOf,
  checkApps,
  discoverApps,
  fill,
  fixedPart,
  isPerApp,
  workloadPaths,
  type App,
} from '../core/environments/layout.js';
import { buildManifests, withoutCredentials, type ManifestFile } from '../core/environments/manifests.js';
import { configuredTool, GITOPS_TOOLS } from '../core/gitops/registry.js';
import type { GitopsTool } from '../core/gitops/tool.js';
import type { Policy } from '../core/policy/policy.js';
import { errors } from '../errors.js';

/** origin's URL without credentials (a CI job token must never reach a manifest), or null without origin. */
export async function originRepoUrl(repo: Repo): Promise<string | null> {
  const origin = await originUrl(repo);
  return origin ? withoutCredentials(origin) : null;
}

/** The repository's app name: gitops.app, else its directory's. */
const repoApp = (repo: Repo, policy: Policy) => policy.gitops.app ?? appName(basename(repo.root));

/**
 * The apps the manifests are for: with `{app}` in gitops.path, those gitops.apps lists or else the directories it
 * matches at `rev` (committed, as the GitOps tool reads them; a pull request's check sees its own); else the one app.
 */
export async function appsFor(repo: Repo, policy: Policy, rev: string): Promise<App[]> {
  const { path, apps: listed } = policy.gitops;
  if (!isPerApp(path)) return [{ name: repoApp(repo, policy), dir: repoApp(repo, policy) }];
  // gitops.apps was checked with the config.
  if (listed) return appsOf(listed);
  const envs = policy.environments.map((e) => e.name);
  const fixed = fixedPart(path);
  const apps = appsOf(discoverApps(path, envs, await readDirectories(repo, rev, fixed ? [fixed] : [])));
  const problems = checkApps(apps, envs);
  if (problems.length) throw errors.badAppDirectories(path, rev, problems);
  return apps;
}

/**
 * The pointer manifests for `tool` (the apps as at `rev`), with the repository URL from the config or from origin
 * (`origin`: remote.origin.url when the caller has read it already), each stamped with its hash.
 */
export async function manifestsFor(
  repo: Repo,
  policy: Policy,
  configFile: string | null,
  tool: GitopsTool,
  tags: readonly string[],
  rev = 'HEAD',
  origin?: string | null,
): Promise<ManifestFile[]> {
  const repoUrl =
    policy.gitops.repoUrl ?? (origin === undefined ? await originRepoUrl(repo) : origin && withoutCredentials(origin));
  if (!repoUrl) throw errors.noRepoUrl();
  const apps = await appsFor(repo, policy, rev);
  const files = buildManifests(policy, {
    tool,
    app: repoApp(repo, policy),
    apps,
    repoUrl,
    configFile: configFile ?? 'trunk.config.json',
    tags,
  });
  return files.map((f) => ({ ...f, content: stamp(f.content) }));
}

/**
 * What the layout at HEAD means for the manifests, one line each: the apps' workload directories that are not
 * committed (the tool would fail to read them), and directories where another layout's pointers may live.
 */
export async function layoutNotes(repo: Repo, policy: Policy, tool: GitopsTool): Promise<string[]> {
  const { path, output } = policy.gitops;
  const apps = await appsFor(repo, policy, 'HEAD');
  const wanted = workloadPaths(
    path,
    apps,
    policy.environments.map((e) => e.name),
  );
  const others = GITOPS_TOOLS.map((t) => t.setupDir).filter(({ dir }) => dir !== output.split('/')[0]);
  const dirs = await readDirectories(repo, 'HEAD', [
    ...new Set(wanted.map((w) => w.path)),
    ...others.map((o) => o.dir),
  ]);
  const notes: string[] = [];
  if (apps.length === 0)
    notes.push(
      `${'missing'.padEnd(9)} ${fill(path, '<app>', '<env>')}: no directory in HEAD matches gitops.path "${path}"; create one per app and commit it (or list the apps in gitops.apps), then: npx trunk env manifests`,
    );
  for (const { app, env, path: dir } of wanted)
    if (!dirs.has(dir))
      notes.push(
        `${'missing'.padEnd(9)} ${dir} (${app}-${env} reads it): ${existsSync(join(repo.root, dir)) ? 'it is in the work tree, not in HEAD: commit it' : 'create it (its manifests, or a kustomization.yaml) and commit it'}`,
      );
  const where = `${output}/${tool.id}/`;
  for (const { dir, guess } of others.filter((o) => dirs.has(o.dir)))
    notes.push(
      `${'found'.padEnd(9)} ${dir}/ (${guess}): trunk-init writes the ${tool.label} manifests to ${where}; move yours there or set gitops.output`,
    );
  return notes;
}

/** A file under the tool's output directory that the config does not give, and where it comes from (see originOf; `special`: a symlink, a fifo). */
export type Stray = { path: string; origin: ReturnType<typeof originOf> | 'special' };

/**
 * The files under the tool's output directory that the config does not give, and where each comes from. Those
 * that claim to be generated (a removed environment's manifest) are `orphans`: out of step with the config.
 */
function strayFiles(root: string, policy: Policy, tool: GitopsTool, files: readonly ManifestFile[]): Stray[] {
  const dir = join(root, policy.gitops.output, tool.id);
  if (!existsSync(dir)) return [];
  const wanted = new Set(files.map((f) => f.path));
  return (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
    .map((name) => join(policy.gitops.output, tool.id, name))
    .sort()
    .flatMap((path): Stray[] => {
      const stat = lstatSync(join(root, path));
      if (wanted.has(path) || stat.isDirectory()) return [];
      return [{ path, origin: stat.isFile() ? originOf(readFileSync(join(root, path), 'utf8')) : 'special' }];
    });
}

const claimsGenerated = (stray: Stray) =>
  stray.origin === 'generated' || stray.origin === 'edited' || stray.origin === 'unstamped';

const LEFT_ALONE: Record<Exclude<Stray['origin'], 'generated'>, string> = {
  edited: 'edited by hand: its sha256 line no longer matches',
  unstamped: 'no sha256 line: written by hand or by an older trunk-init',
  foreign: 'not generated by trunk-init',
  special: 'not a regular file',
};

/**
 * Which stray files `trunk env manifests` deletes: only those it provably wrote (the hash verifies) that are also
 * committed unchanged in HEAD, so git gives them back; every other is left alone, with the reason.
 */
export async function sortStrays(
  repo: Repo,
  root: string,
  strays: readonly Stray[],
): Promise<{ remove: string[]; leftAlone: string[] }> {
  const inRepo = new Map(strays.map((s) => [s.path, relative(repo.root, join(root, s.path))]));
  const tracked = [...inRepo.values()].filter((path) => path !== '..' && !path.startsWith(`..${sep}`));
  const [index, status] = tracked.length
    ? await Promise.all([
        repo.git(['ls-files', '-s', '-z', '--', ...tracked]),
        repo.git(['--no-optional-locks', 'status', '--porcelain', '-z', '--untracked-files=all', '--', ...tracked]),
      ])
    : ['', ''];
  const regular = new Set(
    index
      .split('\0')
      .filter((e) => /^100(644|755) /.test(e))
      .map((e) => e.slice(e.indexOf('\t') + 1)),
  );
  const changed = new Set(
    status
      .split('\0')
      .filter((e) => /^.. /.test(e))
      .map((e) => e.slice(3)),
  );
  const committed = (path: string) => regular.has(inRepo.get(path)!) && !changed.has(inRepo.get(path)!);
  const remove: string[] = [];
  const leftAlone: string[] = [];
  for (const stray of strays)
    if (stray.origin !== 'generated') leftAlone.push(`${stray.path} (${LEFT_ALONE[stray.origin]})`);
    else if (!committed(stray.path)) leftAlone.push(`${stray.path} (not committed: deleting it could not be undone)`);
    else remove.push(stray.path);
  return { remove, leftAlone };
}

/** The manifests as a file plan: `writes(plan)` are the ones out of step with the config. */
export const planManifests = (root: string, files: readonly ManifestFile[]): Change[] =>
  files.map((f) => planFile(root, f.path, f.content, { force: true }));

/**
 * The manifests as a file plan, the files in it out of step with the config, the files there it does not give
 * (`strays`), and of those the ones that claim to be generated (`orphans`, a removed environment's).
 */
export function manifestDrift(
  root: string,
  policy: Policy,
  tool: GitopsTool,
  files: readonly ManifestFile[],
): { plan: Change[]; stale: Change[]; strays: Stray[]; orphans: string[] } {
  const plan = planManifests(root, files);
  const strays = strayFiles(root, policy, tool, files);
  return { plan, stale: writes(plan), strays, orphans: strays.filter(claimsGenerated).map((s) => s.path) };
}

/**
 * Changes the environments in the config file and rewrites the pointer manifests to match, in the work tree;
 * returns the files written. The change reaches the clusters once merged into the trunk, like any other.
 */
export async function editEnvironments(
  repo: Repo,
  loaded: LoadedPolicy,
  edits: readonly ConfigEdit[],
  environments: Environment[],
  describe: string,
  tags: readonly string[],
): Promise<string[]> {
  const config = planConfigEdit(repo.root, loaded.file, edits, describe);
  const policy = { ...loaded.policy, environments };
  const tool = configuredTool(policy.gitops);
  const manifests = tool
    ? writes(planManifests(repo.root, await manifestsFor(repo, policy, config.path, tool, tags)))
    : [];
  const plan: Change[] = [{ ...config, action: 'update' }, ...manifests];
  applyPlan(repo.root, plan);
  return plan.map((c) => c.path);
}
