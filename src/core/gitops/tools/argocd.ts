// Argo CD: one Application per app and environment, gathered by a root Application that reads them from the trunk
// (app of apps). It reads tag names with Masterminds' lenient parser, so `v1.2` is 1.2.0, and its MaxVersion loop
// aborts the whole lookup on a zero-padded prerelease number (`-rc.01`): no range in the repository resolves then.
import { fill, type App } from '../../environments/layout.js';
import { hasZeroPaddedPrerelease, versionOf, versionParts, type ToolVersion } from '../../versioning/tool-version.js';
import { objectLabels, type GitopsTool, type Pointer, type PointerEnv, type PointerInput } from '../tool.js';

function readTag(name: string): ToolVersion {
  const parts = versionParts(name);
  if (!parts) return { kind: 'skip' };
  return hasZeroPaddedPrerelease(parts) ? { kind: 'fatal' } : versionOf(parts);
}

function application(input: PointerInput, app: App, { env, spec, track }: PointerEnv) {
  const { argocd } = input.gitops;
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: `${app.name}-${env.name}`, namespace: argocd.namespace, ...objectLabels(app, env, track) },
    spec: {
      project: argocd.project,
      source: { repoURL: input.repoUrl, path: fill(input.gitops.path, app.dir, env.name), targetRevision: spec.value },
      destination: { server: argocd.server, namespace: fill(input.gitops.namespace, app.name, env.name) },
      syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=true'] },
    },
  };
}

/** root.yaml, the root Application, then apps/<app>-<env>.yaml for each environment and app. */
function pointers(input: PointerInput): Pointer[] {
  const { argocd: settings } = input.gitops;
  const apps = `${input.dir}/apps`;
  const root = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name: `${input.app}-envs`,
      namespace: settings.namespace,
      labels: { 'app.kubernetes.io/name': input.app },
    },
    spec: {
      project: settings.project,
      source: { repoURL: input.repoUrl, path: apps, targetRevision: input.trunk },
      destination: { server: settings.server, namespace: settings.namespace },
      syncPolicy: { automated: { prune: true, selfHeal: true } },
    },
  };
  const files: Pointer[] = [
    {
      path: 'root.yaml',
      notes: [
        `Apply once by hand: kubectl apply -n ${settings.namespace} -f ${input.dir}/root.yaml; it reads ${apps} from ${input.trunk}.`,
      ],
      documents: [root],
    },
  ];
  for (const target of input.environments) {
    const { env, spec } = target;
    const notes =
      spec.kind === 'range'
        ? [`${env.name} follows the semver range "${spec.value}" on tags: Argo CD 2.12 or later (2.12.5+ recommended).`]
        : spec.kind === 'exact'
          ? [
              `${env.name} is pinned to the tag ${spec.value}: Argo CD 2.12.0 to 2.12.4 may read a plain tag as a range; use 2.12.5+.`,
            ]
          : [];
    for (const app of input.apps)
      files.push({ path: `apps/${app.name}-${env.name}.yaml`, notes, documents: [application(input, app, target)] });
  }
  return files;
}

export const argocd: GitopsTool = {
  id: 'argocd',
  label: 'Argo CD',
  readTag,
  pointers,
  setupDir: { dir: 'argocd', guess: 'Argo CD Applications?' },
  readsSubdirectories: false,
};
