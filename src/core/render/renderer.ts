// Which renderer a workload directory needs at a ref, and the programs that render it: the user's own command
// (gitops.render) when there is one; else a kustomization is built by `kustomize build`, or `kubectl kustomize` when
// kustomize is not on PATH; a Chart.yaml by `helm template`; anything else is plain YAML, read here. Each runs with
// its safe defaults only: no Kustomize plugins (alpha, exec) or Helm charts, no Helm post-renderer, nothing fetched.
import { errors } from '../../errors.js';
import type { GitopsSettings } from '../environments/model.js';
import { KUSTOMIZATION_FILES, resolveEntry } from './kustomize.js';

export type Renderer =
  /** Plain YAML, read natively: the directory's *.yaml, *.yml and *.json (its subdirectories too if `recursive`). */
  | { kind: 'yaml'; recursive: boolean }
  | { kind: 'kustomize' }
  /** `values`: the values files, from the repository's root. */
  | { kind: 'helm'; values: string[] }
  /** gitops.render, split into words with the placeholders filled in. */
  | { kind: 'command'; argv: string[] };

/** One program to run: the first of a renderer's invocations found on PATH renders. */
export interface Invocation {
  program: string;
  args: string[];
}

/** Where a rendering is: the workload directory (from the root), its app's directory, the environment. */
export interface RenderTarget {
  path: string;
  app: { name: string; dir: string };
  env: string;
  /** The namespace the GitOps tool deploys to (gitops.namespace filled in), for Helm's .Release.Namespace. */
  namespace: string;
}

/** gitops.render as words: split on whitespace (no shell, no quoting), each `{path}`, `{env}`, `{app}` filled in. */
export const commandWords = (template: string, target: RenderTarget): string[] =>
  template
    .trim()
    .split(/\s+/)
    .map((word) =>
      word.replaceAll('{path}', target.path).replaceAll('{env}', target.env).replaceAll('{app}', target.app.dir),
    );

/**
 * The renderer for `target` at a ref whose directory holds `files` (the names directly in it); `recursive`: whether
 * the GitOps tool reads a plain directory's subdirectories too (Flux does; Argo CD reads only its top level).
 */
export function chooseRenderer(
  files: ReadonlySet<string>,
  gitops: GitopsSettings,
  target: RenderTarget,
  recursive: boolean,
): Renderer {
  if (gitops.render) return { kind: 'command', argv: commandWords(gitops.render, target) };
  if (KUSTOMIZATION_FILES.some((f) => files.has(f))) return { kind: 'kustomize' };
  if (files.has('Chart.yaml')) {
    const values = gitops.helm.values.map((template) => {
      const file = template.replaceAll('{env}', target.env).replaceAll('{app}', target.app.dir);
      const path = resolveEntry(target.path, file);
      if (path === null) throw errors.renderOutsideResource('gitops.helm.values', file);
      return path;
    });
    return { kind: 'helm', values };
  }
  return { kind: 'yaml', recursive };
}

/** The programs that render `target` with `renderer`, in the order they are tried; none for plain YAML. */
export function invocations(renderer: Renderer, target: RenderTarget): Invocation[] {
  switch (renderer.kind) {
    case 'yaml':
      return [];
    case 'kustomize':
      return [
        { program: 'kustomize', args: ['build', target.path] },
        { program: 'kubectl', args: ['kustomize', target.path] },
      ];
    case 'helm':
      return [
        {
          program: 'helm',
          args: [
            'template',
            `${target.app.name}-${target.env}`,
            target.path,
            '--namespace',
            target.namespace,
            ...renderer.values.flatMap((v) => ['--values', v]),
          ],
        },
      ];
    case 'command':
      return [{ program: renderer.argv[0], args: renderer.argv.slice(1) }];
  }
}

/** What a missing renderer is needed for, and how to install one, for its error. */
export function missingRenderer(renderer: Renderer, where: string): { what: string; install: string } {
  switch (renderer.kind) {
    case 'kustomize':
      return {
        what: `${where} is a Kustomize directory (a kustomization.yaml)`,
        install:
          'install kubectl (https://kubernetes.io/docs/tasks/tools/: kubectl kustomize is enough) or kustomize (https://kubectl.docs.kubernetes.io/installation/kustomize/), or render it with your own command: "gitops": { "render": "… {path}" }',
      };
    case 'helm':
      return {
        what: `${where} is a Helm chart (a Chart.yaml)`,
        install:
          'install helm (https://helm.sh/docs/intro/install/), or render it with your own command: "gitops": { "render": "… {path}" }',
      };
    default:
      return {
        what: `gitops.render runs ${renderer.kind === 'command' ? renderer.argv[0] : 'nothing'} for ${where}`,
        install: 'install it, or change gitops.render in trunk.config.json',
      };
  }
}

/** How the report names a renderer: the command that ran (gitops.render's whole), or how plain YAML was read. */
export const rendererLabel = (renderer: Renderer, ran: Invocation | null): string =>
  renderer.kind === 'yaml'
    ? `plain YAML, read natively${renderer.recursive ? ' (with subdirectories)' : ''}`
    : renderer.kind === 'command'
      ? renderer.argv.join(' ')
      : ran
        ? `${ran.program} ${ran.args[0]}`
        : renderer.kind;
