// `trunk env manifests [--tool ID] [--out DIR] [--check]`: writes the pointer manifests the config
// gives, or (--check, for CI) exits 1 showing how the files on disk differ from them. It deletes a file the config
// no longer gives only when it provably wrote it and git can give it back; it names every other file it left alone.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tagNames } from '../../adapters/git/repo.js';
import { applyPlan } from '../../adapters/files/plan.js';
import { specOf } from '../../core/environments/resolve.js';
import { configuredTool, findGitopsTool, GITOPS_TOOLS } from '../../core/gitops/registry.js';
import { lineDiff } from '../../core/line-diff.js';
import { wordList } from '../../core/word-list.js';
import { Exit, errors } from '../../errors.js';
import { manifestDrift, manifestsFor, sortStrays } from '../../flows/manifests.js';
import { openEnvironments } from '../env-commands.js';
import { defineCommand, USAGE } from '../args.js';
import type { Command } from '../main.js';

export const run: Command = defineCommand(USAGE.envManifests, async ({ values }, io) => {
  const { repo, loaded } = await openEnvironments(io.cwd);
  const { policy } = loaded;
  const tool = values.tool === undefined ? configuredTool(policy.gitops) : findGitopsTool(values.tool);
  if (!tool) {
    const ids = GITOPS_TOOLS.map((t) => t.id);
    const [first, ...others] = ids;
    throw errors.usage(
      values.tool
        ? `--tool ${values.tool} is not supported: the manifests are for ${wordList(ids, 'and')}.`
        : `say which GitOps tool the manifests are for: ${loaded.file ?? 'the config'} sets no gitops.tool.`,
      `trunk env manifests --tool ${first}   (or ${others.map((id) => `--tool ${id}`).join(' or ')}; "gitops": { "tool": "${first}" } makes it the default)`,
    );
  }
  const root = values.out ? resolve(io.cwd, values.out) : repo.root;
  const tags = await tagNames(repo);
  const files = await manifestsFor(repo, policy, loaded.file, tool, tags);
  const { plan, stale, strays, orphans } = manifestDrift(root, policy, tool, files);
  const where = values.out ? ` under ${values.out}` : '';
  if (values.check) {
    if (stale.length === 0 && orphans.length === 0) {
      io.err(`trunk: the ${tool.id} manifests${where} match ${loaded.file ?? 'the config'} (${files.length} files).`);
      return Exit.Ok;
    }
    for (const change of stale) {
      const current = existsSync(join(root, change.path)) ? readFileSync(join(root, change.path), 'utf8') : null;
      io.out(
        `--- ${change.path} (${change.action === 'create' ? 'missing' : 'on disk'})\n+++ ${change.path} (from ${loaded.file ?? 'the config'})`,
      );
      const shown =
        current === null
          ? change.content.split('\n').map((l) => `+ ${l}`)
          : lineDiff(current, change.content).filter((l) => !l.startsWith(' '));
      io.out(shown.join('\n'));
    }
    for (const path of orphans)
      io.out(`--- ${path} (on disk)\n+++ ${path} (no longer in ${loaded.file ?? 'the config'}: to be deleted)`);
    const problems = [
      stale.length &&
        `${stale.length} of the ${files.length} ${tool.id} manifests${where} are not what ${loaded.file ?? 'the config'} gives`,
      orphans.length && `${orphans.length} generated file${orphans.length > 1 ? 's are' : ' is'} no longer in it`,
    ];
    io.err(
      `trunk: ${problems.filter(Boolean).join('; ')}.\n  fix: regenerate them and commit the result: npx trunk env manifests${values.tool ? ` --tool ${tool.id}` : ''}`,
    );
    return Exit.Refused;
  }
  const { remove, leftAlone } = await sortStrays(repo, root, strays);
  applyPlan(root, plan);
  for (const path of remove) rmSync(join(root, path));
  const listed = [
    ...plan.map((c) => `  ${(c.action === 'unchanged' ? 'unchanged' : 'write').padEnd(9)} ${c.path}`),
    ...remove.map((path) => `  ${'delete'.padEnd(9)} ${path}`),
    ...leftAlone.map((entry) => `  left alone: ${entry}`),
  ];
  io.err(`trunk: ${tool.id} manifests${where}:\n${listed.join('\n')}`);
  const kept = orphans.filter((path) => !remove.includes(path));
  if (kept.length)
    io.err(
      `  ${kept.join(', ')}: no longer in ${loaded.file ?? 'the config'} but left alone; if unwanted, remove and commit that yourself: rm ${kept.join(' ')}`,
    );
  policy.environments.forEach((env, i) => {
    const spec = specOf(policy.environments, i, policy.trunk, tags, tool);
    if (spec.kind === 'none') io.err(`  ${env.name} has no manifest yet: ${spec.reason}`);
  });
  return Exit.Ok;
});
