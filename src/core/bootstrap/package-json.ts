// The package.json a bootstrapped repository needs: trunk-init, husky and the commitlint config as devDependencies, `prepare: husky`.

export interface Versions {
  trunkInit: string;
  /** Absent when another hook manager (the pre-commit framework, lefthook) runs the hooks: no husky, no `prepare`. */
  husky?: string;
  commitlintConfig: string;
}

/** A repository name npm accepts, from a directory name. */
export function packageName(dir: string): string {
  return (
    dir
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[._-]+|-+$/g, '') || 'gitops'
  );
}

/** `text` (or a new private package.json when null) with what trunk-init needs; keeps the indentation. */
export function withTrunkInit(text: string | null, name: string, versions: Versions): string {
  const pkg = text === null ? { name, private: true } : JSON.parse(text);
  const indent = text !== null && /^\t/m.test(text) ? '\t' : 2;
  if (versions.husky) {
    pkg.scripts ??= {};
    const prepare: string | undefined = pkg.scripts.prepare;
    if (!prepare) pkg.scripts.prepare = 'husky';
    else if (!/\bhusky\b/.test(prepare)) pkg.scripts.prepare = `${prepare} && husky`;
  }
  const has = (dep: string) => pkg.dependencies?.[dep] ?? pkg.devDependencies?.[dep];
  pkg.devDependencies ??= {};
  if (versions.husky && !has('husky')) pkg.devDependencies.husky = `^${versions.husky}`;
  if (!has('trunk-init')) pkg.devDependencies['trunk-init'] = `^${versions.trunkInit}`;
  // .commitlintrc.json extends it: a direct dependency resolves under pnpm's strict node_modules too.
  if (!has('@commitlint/config-conventional'))
    pkg.devDependencies['@commitlint/config-conventional'] = `^${versions.commitlintConfig}`;
  return `${JSON.stringify(pkg, null, indent)}\n`;
}
