// The rendered diff of one environment between two refs: for each app, its workload directory (gitops.path) read
// from git objects at each ref, rendered by what it needs (renderer.ts), and the two sets of objects compared. Plans
// are read from git alone, so `trunk env` can tell what rendering would cost before it runs anything; when the files
// a renderer reads are the same at both refs, nothing runs and nothing changes.
import { basename } from 'node:path';
import { listTree, pathObjects, readBlobs } from '../adapters/git/tree.js';
import type { Env, Repo } from '../adapters/git/repo.js';
import { runRenderer } from '../adapters/render/run.js';
import { withScratch, writeTree } from '../adapters/render/tree.js';
import { fill, isPerApp, type App } from '../core/environments/layout.js';
import { diffObjects } from '../core/render/diff.js';
import { isRemote, KUSTOMIZATION_FILES, kustomizationEntries, resolveEntry } from '../core/render/kustomize.js';
import { parseObjects, type ObjectSet } from '../core/render/objects.js';
import {
  chooseRenderer,
  invocations,
  missingRenderer,
  rendererLabel,
  type Renderer,
  type RenderTarget,
} from '../core/render/renderer.js';
import type { RenderedSection } from '../core/render/report.js';
import type { EnvRef } from '../core/environments/resolve.js';
import type { GitopsTool } from '../core/gitops/tool.js';
import type { Policy } from '../core/policy/policy.js';
import { errors } from '../errors.js';

/** A ref to render at: its commit, and how the report names it (a tag, the trunk). */
export interface RenderRef {
  sha: string;
  label: string;
}

/** The ref an environment runs, named by its tag or the trunk. */
export const renderRef = (ref: EnvRef & { sha: string }, trunk: string): RenderRef => ({
  sha: ref.sha,
  label: ref.kind === 'tag' ? ref.tag : trunk,
});

/** What rendering one side takes: the renderer, and the paths it reads (null: the whole tree) with their ids. */
interface SidePlan {
  sha: string;
  label: string;
  renderer: Renderer;
  scope: string[] | null;
  /** The git object of each path in `scope` (the root tree for the whole tree): equal ids render equal objects. */
  ids: string[];
}

interface SectionPlan {
  target: RenderTarget;
  app: string | null;
  before: SidePlan | null;
  after: SidePlan | null;
  /** Both sides read the same files with the same renderer: nothing to run. */
  same: boolean;
}

export interface RenderPlan {
  env: string;
  before: string;
  after: string;
  sections: SectionPlan[];
}

const join = (dir: string, name: string) => (dir ? `${dir}/${name}` : name);

/**
 * The directories and files a kustomization at `path` reads (at `sha`): its directory and every directory its
 * entries name, followed; refused when an entry is a URL or leaves the repository.
 */
async function kustomizeScope(repo: Repo, sha: string, path: string, label: string): Promise<string[]> {
  const dirs = new Set<string>();
  const files = new Set<string>();
  for (let queue = [path]; queue.length;) {
    for (const dir of queue) dirs.add(dir);
    const candidates = queue.flatMap((dir) => KUSTOMIZATION_FILES.map((f) => join(dir, f)));
    const found = await pathObjects(repo, sha, candidates);
    const kustomizations = queue.flatMap((dir, i) => {
      const k = KUSTOMIZATION_FILES.findIndex((_, j) => found[i * KUSTOMIZATION_FILES.length + j]?.type === 'blob');
      return k === -1
        ? []
        : [{ dir, file: join(dir, KUSTOMIZATION_FILES[k]), sha: found[i * KUSTOMIZATION_FILES.length + k]!.sha }];
    });
    const texts = await readBlobs(
      repo,
      kustomizations.map((k) => k.sha),
    );
    const entries = kustomizations.flatMap((k, i) => {
      const file = `${k.file} at ${label}`;
      return kustomizationEntries(texts[i].toString('utf8'), file).map((entry) => {
        const resolved = resolveEntry(k.dir, entry);
        if (resolved === null)
          throw isRemote(entry) ? errors.renderRemoteResource(file, entry) : errors.renderOutsideResource(file, entry);
        return { file, entry, path: resolved };
      });
    });
    const objects = await pathObjects(
      repo,
      sha,
      entries.map((e) => e.path),
    );
    const next = new Set<string>();
    entries.forEach((e, i) => {
      const object = objects[i];
      // Kustomize tries a path first, then fetches: a URL that names no path here would be fetched.
      if (!object && isRemote(e.entry)) throw errors.renderRemoteResource(e.file, e.entry);
      if (object?.type === 'tree' && !dirs.has(e.path)) next.add(e.path);
      else if (object?.type === 'blob') files.add(e.path);
    });
    queue = [...next];
  }
  return [...dirs, ...files];
}

async function planSide(
  repo: Repo,
  ref: RenderRef,
  target: RenderTarget,
  policy: Policy,
  tool: GitopsTool,
): Promise<SidePlan | null> {
  const [dir] = await pathObjects(repo, ref.sha, [target.path]);
  if (dir?.type !== 'tree') return null;
  const names = new Set((await listTree(repo, ref.sha, [target.path], false)).map((e) => basename(e.path)));
  const renderer = chooseRenderer(names, policy.gitops, target, tool.readsSubdirectories);
  const scope =
    renderer.kind === 'kustomize'
      ? await kustomizeScope(repo, ref.sha, target.path, ref.label)
      : renderer.kind === 'helm'
        ? [target.path, ...renderer.values]
        : renderer.kind === 'command'
          ? null
          : [target.path];
  const ids = (await pathObjects(repo, ref.sha, scope ?? [''])).map((o) => o?.sha ?? '-');
  return { sha: ref.sha, label: ref.label, renderer, scope, ids };
}

const sameSide = (a: SidePlan, b: SidePlan) =>
  JSON.stringify([a.renderer, a.scope, a.ids]) === JSON.stringify([b.renderer, b.scope, b.ids]);

/**
 * What rendering `env` at `before` (null: it runs nothing yet) and at `after` takes, for each of `apps`: read from git
 * objects only, nothing run.
 */
export async function planRendering(
  repo: Repo,
  policy: Policy,
  tool: GitopsTool,
  apps: readonly App[],
  env: string,
  before: RenderRef | null,
  after: RenderRef,
): Promise<RenderPlan> {
  const perApp = isPerApp(policy.gitops.path);
  const sections: SectionPlan[] = [];
  for (const app of apps) {
    const target: RenderTarget = {
      path: fill(policy.gitops.path, app.dir, env),
      app,
      env,
      namespace: fill(policy.gitops.namespace, app.name, env),
    };
    const [b, a] = await Promise.all([
      before ? planSide(repo, before, target, policy, tool) : null,
      planSide(repo, after, target, policy, tool),
    ]);
    if (!b && !a) continue;
    sections.push({ target, app: perApp ? app.name : null, before: b, after: a, same: !!a && !!b && sameSide(a, b) });
  }
  return { env, before: before?.label ?? 'nothing', after: after.label, sections };
}

/** The renderer runs a plan needs (plain YAML is read here and counts for none), and whether any is gitops.render. */
export const planCost = (plan: RenderPlan) => {
  const sides = plan.sections.flatMap((s) => (s.same ? [] : [s.before, s.after])).filter((p) => p !== null);
  return {
    runs: sides.filter((p) => p.renderer.kind !== 'yaml').length,
    custom: sides.some((p) => p.renderer.kind === 'command'),
  };
};

/** One side rendered: its objects, and how the report names what rendered it. */
async function renderSide(
  repo: Repo,
  side: SidePlan,
  target: RenderTarget,
  path: string | undefined,
): Promise<{ set: ObjectSet; renderer: string }> {
  const where = `${target.path} at ${side.label}`;
  const { renderer } = side;
  if (renderer.kind === 'yaml') {
    const files = (await listTree(repo, side.sha, [target.path], renderer.recursive)).filter(
      (e) => e.type === 'blob' && e.mode !== '120000' && /\.(ya?ml|json)$/i.test(e.path),
    );
    const texts = await readBlobs(
      repo,
      files.map((f) => f.sha),
    );
    const set = parseObjects(
      files.map((f, i) => ({ source: `${f.path} at ${side.label}`, text: texts[i].toString('utf8') })),
    );
    return { set, renderer: rendererLabel(renderer, null) };
  }
  return withScratch(async (scratch) => {
    await writeTree(repo, side.label, await listTree(repo, side.sha, side.scope, true), scratch.tree);
    const tried = invocations(renderer, target);
    const result = await runRenderer(tried, scratch, where, path);
    if (!result) {
      const { what, install } = missingRenderer(renderer, where);
      throw errors.rendererMissing(
        what,
        tried.map((t) => t.program),
        install,
      );
    }
    const label = rendererLabel(renderer, result.ran);
    return {
      set: parseObjects([{ source: `the output of ${label} for ${where}`, text: result.stdout }]),
      renderer: label,
    };
  });
}

/** Renders a plan (`env`: the caller's environment, whose PATH finds the renderers) and compares the two sides. */
export async function runRendering(repo: Repo, plan: RenderPlan, env: Env): Promise<RenderedSection[]> {
  const sections: RenderedSection[] = [];
  for (const s of plan.sections) {
    const base = { env: plan.env, app: s.app, path: s.target.path };
    if (s.same) {
      const renderer = rendererLabel(s.after!.renderer, null);
      sections.push({
        ...base,
        before: { ref: plan.before, renderer },
        after: { ref: plan.after, renderer },
        diff: null,
        warnings: [],
      });
      continue;
    }
    // Both sides at once; a failure is the first side's, so the same repository always gives the same error.
    const settled = await Promise.allSettled(
      [s.before, s.after].map((side) => (side ? renderSide(repo, side, s.target, env.PATH) : null)),
    );
    const [b, a] = settled.map((r) => {
      if (r.status === 'rejected') throw r.reason;
      return r.value;
    });
    const diff = diffObjects(b?.set.objects ?? new Map(), a?.set.objects ?? new Map());
    sections.push({
      ...base,
      before: { ref: plan.before, renderer: b?.renderer ?? null },
      after: { ref: plan.after, renderer: a?.renderer ?? null },
      diff,
      warnings: [...(b?.set.warnings ?? []), ...(a?.set.warnings ?? [])],
    });
  }
  return sections;
}
