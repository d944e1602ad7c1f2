// The repository's GitOps layout: the apps it deploys (gitops.apps, or the directories gitops.path's `{app}`
// matches), where each app's workloads are for each environment, and which changed files belong to which app.

/** One app: the `{app}` value in gitops.path (a directory name) and the DNS-1123 name its objects take. */
export interface App {
  name: string;
  dir: string;
}

/** A DNS-1123 label from a directory name. */
export const appName = (dir: string) =>
  dir
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '') || 'app';

/** `template` (gitops.path, gitops.namespace) with `{app}` and `{env}` filled in. */
export const fill = (template: string, app: string, env: string) =>
  template.replaceAll('{app}', app).replaceAll('{env}', env);

/** gitops.path holds one directory per app (`apps/{app}/overlays/{env}`): the apps are several, listed or found. */
export const isPerApp = (path: string) => path.includes('{app}');

/** The directories to read to find the apps: gitops.path up to its first placeholder ('' for the whole tree). */
export function fixedPart(path: string): string {
  const segments = path.split('/');
  const at = segments.findIndex((s) => /\{(app|env)\}/.test(s));
  return segments.slice(0, at === -1 ? segments.length : at).join('/');
}

/**
 * The `{app}` values for which gitops.path names a directory in `dirs` (the directories at a commit) for at least
 * one environment, sorted: `apps/common`, which has no overlays, is not an app.
 */
export function discoverApps(path: string, envs: readonly string[], dirs: ReadonlySet<string>): string[] {
  const segments = path.split('/');
  const at = segments.findIndex((s) => s.includes('{app}'));
  const found = new Set<string>();
  for (const env of envs) {
    const parent = segments.slice(0, at).join('/').replaceAll('{env}', env);
    const segment = segments[at].replaceAll('{env}', env);
    const [before, after] = [
      segment.slice(0, segment.indexOf('{app}')),
      segment.slice(segment.indexOf('{app}') + '{app}'.length),
    ];
    for (const dir of dirs) {
      const name = parent ? (dir.startsWith(`${parent}/`) ? dir.slice(parent.length + 1) : null) : dir;
      if (
        name === null ||
        name.includes('/') ||
        name.length <= before.length + after.length ||
        !name.startsWith(before) ||
        !name.endsWith(after)
      )
        continue;
      const value = name.slice(before.length, name.length - after.length);
      if (dirs.has(fill(path, value, env))) found.add(value);
    }
  }
  return [...found].sort();
}

/** The apps for `dirs` (`{app}` values), each named by its directory. */
export const appsOf = (dirs: readonly string[]): App[] => dirs.map((dir) => ({ name: appName(dir), dir }));

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Every problem with the objects' names, `<app>-<env>`: two apps with one name, one name for two objects, too long a name. */
export function checkApps(apps: readonly App[], envs: readonly string[]): string[] {
  const problems: string[] = [];
  const byName = new Map<string, string>();
  for (const app of apps) {
    const other = byName.get(app.name);
    if (other !== undefined)
      problems.push(
        `the app directories "${other}" and "${app.dir}" both give the name ${app.name}: rename one of them`,
      );
    byName.set(app.name, app.dir);
  }
  const objects = new Map<string, string>();
  for (const app of byName.keys())
    for (const env of envs) {
      const name = `${app}-${env}`;
      const other = objects.get(name);
      if (!DNS_LABEL.test(name))
        problems.push(
          `${name} (app ${app}, environment ${env}) is not a DNS-1123 label of at most 63 characters: shorten the app's name`,
        );
      else if (other !== undefined)
        problems.push(`${name} names the objects of both ${other} and app ${app} in ${env}: rename an app`);
      objects.set(name, `app ${app} in ${env}`);
    }
  return problems;
}

/** The directory each app reads for each environment. */
export const workloadPaths = (path: string, apps: readonly App[], envs: readonly string[]) =>
  apps.flatMap((app) => envs.map((env) => ({ app: app.name, env, path: fill(path, app.dir, env) })));

/** Where an app's files are: gitops.path up to its `{app}` segment (`apps/api`), or its first segment with one app. */
function rootsOf(path: string, app: App, envs: readonly string[]): string[] {
  const segments = path.split('/');
  const upTo = isPerApp(path) ? segments.findIndex((s) => s.includes('{app}')) + 1 : 1;
  return [...new Set(envs.map((env) => fill(segments.slice(0, upTo).join('/'), app.dir, env)))];
}

/** The directories whose changes are workload changes (the first segment of each app's paths: `deploy`, `apps`). */
export const workloadScope = (path: string, apps: readonly App[], envs: readonly string[]) =>
  [...new Set(apps.flatMap((app) => envs.map((env) => fill(path.split('/')[0], app.dir, env))))].sort();

/** The changed files by app, in the apps' order, and those in the scope but under no app (`apps/common/…`). */
export function changesByApp<T extends { path: string }>(
  changes: readonly T[],
  apps: readonly App[],
  path: string,
  envs: readonly string[],
): { apps: { name: string; changes: T[] }[]; outside: T[] } {
  const roots = apps.map((app) => ({ name: app.name, roots: rootsOf(path, app, envs) }));
  const under = (file: string, root: string) => root === '.' || file.startsWith(`${root}/`);
  return {
    apps: roots.map(({ name, roots: dirs }) => ({
      name,
      changes: changes.filter((c) => dirs.some((root) => under(c.path, root))),
    })),
    outside: changes.filter((c) => !roots.some(({ roots: dirs }) => dirs.some((root) => under(c.path, root)))),
  };
}
