// This package's version and the versions of husky and the commitlint config it installs, from package.json (inlined by the bundler).
import pkg from '../../package.json' with { type: 'json' };

export const VERSION: string = pkg.version;
const pinned = (range: string) => range.replace(/^\^/, '');
export const HUSKY_VERSION = pinned(pkg.dependencies.husky);
export const COMMITLINT_CONFIG_VERSION = pinned(pkg.dependencies['@commitlint/config-conventional']);
