// The hooks' compile cache. A commit hook spends about 3 ms compiling the files of dist/ it loads, the same files every
// commit; V8 can take the code it compiled the last time instead. Node 22 offers that (module.enableCompileCache);
// on Node 20 the bin the shims run (hook.ts) loads this first, and it compiles dist/'s own files through vm.Script
// with the code cached by the last run, as the v8-compile-cache package did. The cache is the repository's, in
// .git/trunk-init/code-cache/<node version>-<arch>-<build>/, an entry per file and modification time. V8 checks an
// entry against the node that made it and the length of the source alone, so the build (a hash of dist/'s files,
// scripts/build.mjs) and the file's modification time (a file edited by hand, by patch-package) name the entry. An
// entry V8 rejects, or a missing one, is written again when the hook exits. Nothing else is compiled this way: a
// config of the user's loads as node loads it, and so do the files of dist/ that import() one.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import Module from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { replaceFile } from '../adapters/files/replace.js';

/** What node's CommonJS loader has and its types leave out. */
interface Loader {
  prototype: { _compile(this: Module, content: string, filename: string): unknown };
  _resolveFilename(request: string, parent: Module, isMain: boolean, options?: object): string;
  _resolveLookupPaths(request: string, parent: Module): string[] | null;
  _extensions: object;
  _cache: object;
  wrap(script: string): string;
}
const loader = Module as unknown as Loader;
const DIST = import.meta.dirname;
/** A hash of the files of dist/, which scripts/build.mjs writes in. */
declare const __TRUNK_BUILD__: string;

/** The require() node's loader gives a module (lib/internal/modules/helpers.js, makeRequireFunction). */
function requireFor(mod: Module) {
  const resolve = (request: string, options?: object) => loader._resolveFilename(request, mod, false, options);
  resolve.paths = (request: string) => loader._resolveLookupPaths(request, mod);
  return Object.assign((id: string) => mod.require(id), {
    resolve,
    // As node sets it: the entry module, which process.mainModule names (deprecated for code, not for a loader).
    main: process.mainModule,
    extensions: loader._extensions,
    cache: loader._cache,
  });
}

/** Where the cache is: in the git dir when the hook runs at the top of a work tree whose `.git` is that directory. */
function cacheDir(): string | null {
  if (process.env.GIT_DIR || process.env.GIT_COMMON_DIR) return null;
  const gitDir = join(process.cwd(), '.git');
  if (!statSync(gitDir, { throwIfNoEntry: false })?.isDirectory()) return null;
  return join(gitDir, 'trunk-init', 'code-cache', `${process.version}-${process.arch}-${__TRUNK_BUILD__}`);
}

/** Writes the code V8 compiled for `scripts`, and drops what other node versions, builds or file versions left. */
function save(dir: string, scripts: [entry: string, script: Script][]): void {
  try {
    mkdirSync(dir, { recursive: true });
    for (const other of readdirSync(join(dir, '..')))
      if (other !== basename(dir)) rmSync(join(dir, '..', other), { recursive: true, force: true });
    // Entries of the same files at other times (not another process's entry being written, named <entry>.<pid>).
    const file = (entry: string) => /^(.+)@\d+(?:\.\d+)?$/.exec(entry)?.[1];
    const files = new Set(scripts.map(([entry]) => file(entry)));
    for (const entry of readdirSync(dir))
      if (files.has(file(entry)) && !scripts.some(([fresh]) => fresh === entry))
        rmSync(join(dir, entry), { force: true });
    for (const [entry, script] of scripts) replaceFile(join(dir, entry), script.createCachedData());
  } catch {
    // A read-only git dir: the hooks compile as they did.
  }
}

const dir = cacheDir();
if (dir) {
  const compile = loader.prototype._compile;
  const fresh: [string, Script][] = [];
  loader.prototype._compile = function (content, filename) {
    // A file with import() (cosmiconfig's and commitlint's loaders, for configs that are ES modules) compiles as node
    // compiles it: a vm.Script's import() needs a callback node 20 offers only as an experimental feature.
    if (dirname(filename) !== DIST || /\bimport\s*\(/.test(content)) return compile.call(this, content, filename);
    const entry = `${basename(filename)}@${statSync(filename).mtimeMs}`;
    let cachedData: Buffer | undefined;
    try {
      cachedData = readFileSync(join(dir, entry));
    } catch {}
    // A bin's shebang line, which node strips itself, kept as an empty line so that line numbers stay.
    const source = content.startsWith('#!') ? content.slice(content.indexOf('\n')) : content;
    const script = new Script(loader.wrap(source), { filename, cachedData });
    if (cachedData === undefined || script.cachedDataRejected) fresh.push([entry, script]);
    return script.runInThisContext()(this.exports, requireFor(this), this, filename, dirname(filename));
  };
  // After the run, so that the cached code holds the functions the hook compiled as it ran, not only the files' tops.
  process.once('exit', () => fresh.length > 0 && save(dir, fresh));
}
