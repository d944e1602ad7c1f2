// This package's version, its issue tracker and the versions of husky and the commitlint config it installs, from
// package.json (inlined by the bundler).
import pkg from '../../package.json' with { type: 'json' };

export const VERSION: string = pkg.version;
/** Where internal errors (bugs in trunk-init) are reported. */
export const BUGS_URL: string = pkg.bugs.url;
const pinned = (range: string) => range.replace(/^\^/, '');
export const HUSKY_VERSION = pinned(pkg.dependencies.husky);
export const COMMITLINT_CONFIG_VERSION = pinned(pkg.dependencies['@commitlint/config-conventional']);
