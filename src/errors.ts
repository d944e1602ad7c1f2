// The catalogue of expected failures: each one names the file, ref or setting and carries a fix to copy.

export const Exit = { Ok: 0, Refused: 1, Error: 2 } as const;
export type ExitCode = (typeof Exit)[keyof typeof Exit];

export class TrunkError extends Error {
  /** Extra lines, one per problem, printed under the message. */
  readonly details: string[];

  constructor(
    readonly code: string,
    message: string,
    readonly fix: string,
    options?: { cause?: unknown; details?: string[] },
  ) {
    super(message, options);
    this.details = options?.details ?? [];
    this.name = 'TrunkError';
  }
}

const describe = (err: unknown) => (err instanceof Error ? err.message : String(err)).trim().split('\n')[0];

/** What a write is, for its error when it fails: a release, the tag an interrupted release lacks, a promotion. */
export type WriteKind = { kind: 'release' } | { kind: 'completion' } | { kind: 'promotion'; env: string };

/** Each write's name, what undoing it leaves, and how to make it again (after a full undo, and after a partial one). */
const WRITES: Record<
  WriteKind['kind'],
  (tag: string, env: string) => { name: string; undone: string; retry: { code: string; command: string; undo: string } }
> = {
  release: () => ({
    name: 'the release',
    undone: 'no changelog or pointer manifest edit, no release commit, no tag',
    retry: {
      code: 'ERELEASE',
      command: 'npx trunk release',
      undo: 'check git status, git log -1 and git tag --points-at HEAD; then run npx trunk release again, which completes an interrupted release',
    },
  }),
  completion: (tag) => ({
    name: `tagging the interrupted release ${tag}`,
    undone: 'no tag; its release commit stays',
    retry: {
      code: 'ERELEASE',
      command: 'npx trunk release',
      undo: `check git tag --points-at HEAD (git tag -d ${tag} removes a tag left there); then run npx trunk release again`,
    },
  }),
  promotion: (tag, env) => ({
    name: `the promotion of ${env} to ${tag}`,
    undone: `no tag ${tag}, here or on origin`,
    retry: {
      code: 'EPROMOTE',
      command: `npx trunk env promote ${env}`,
      undo: `check git tag -l ${tag} (git tag -d ${tag} removes a tag left there); then run npx trunk env promote ${env} again`,
    },
  }),
};

export const errors = {
  notARepo: (cwd: string) =>
    new TrunkError(
      'ENOTREPO',
      `${cwd} is not inside a git repository.`,
      'run this inside a git work tree, or create one with: git init -b main',
    ),
  notBare: (path: string) =>
    new TrunkError(
      'ENOTBARE',
      `${path} is not a bare repository: the pre-receive hook belongs on the git server's bare copy.`,
      'point at the server repository (the one with no work tree), e.g.: npx trunk server install /srv/git/gitops.git',
    ),
  /** `gitDir` quoted for the shell. */
  serverHookExists: (hook: string, gitDir: string) =>
    new TrunkError(
      'EHOOKEXISTS',
      `${hook} already exists and is not trunk-init's; it was left as it is.`,
      `merge it by hand, or replace it with: npx trunk server install ${gitDir} --force`,
    ),
  gitMissing: () =>
    new TrunkError(
      'ENOGIT',
      'git was not found on PATH.',
      'install git (https://git-scm.com/downloads) and make sure `git --version` works',
    ),
  gitFailed: (command: string, err: unknown) =>
    new TrunkError(
      'EGIT',
      `git ${command} failed: ${describe(err)}`,
      'run the same git command by hand to see the full error',
      { cause: err },
    ),
  badConfig: (file: string, problems: string[]) =>
    new TrunkError(
      'ECONFIG',
      `${file} is invalid (${problems.length} problem${problems.length > 1 ? 's' : ''}):`,
      `edit ${file} (the README lists every key), then run: npx trunk doctor`,
      {
        details: problems,
      },
    ),
  /** `at`: where the JSON breaks and what was expected there (adapters/config/json-syntax.ts); null when unknown. */
  badJson: (file: string, at: { line: number; column: number; problem: string } | null, err: unknown) =>
    new TrunkError(
      'ECONFIG',
      `${at ? `${file}:${at.line}:${at.column}` : file} is not valid JSON: ${at ? at.problem : describe(err)}.`,
      `fix ${file}${at ? ` at line ${at.line}, column ${at.column}` : ''}, then run the command again`,
      { cause: err },
    ),
  unreadableConfig: (file: string, err: unknown) =>
    new TrunkError(
      'ECONFIG',
      `${file} could not be read: ${describe(err)}`,
      `fix the syntax of ${file}, then run: npx trunk doctor`,
      { cause: err },
    ),
  /** A config in code committed on a revision (`name`: its file name), which is never run. */
  configCodeAtRevision: (file: string, name: string) =>
    new TrunkError(
      'ECONFIG',
      `${file} cannot be read here: from a revision only JSON configuration is read (code from a revision is never run).`,
      `convert it to ${name.replace(/\.[^.]+$/, '.json')}`,
    ),
  configPathAtRevision: (file: string, key: string, path: string) =>
    new TrunkError(
      'ECONFIG',
      `${file}: "${key}" names "${path}", which is not a package: from a revision only packages installed with trunk-init are loaded, never a path.`,
      `name a package instead, e.g. "${key}": ["@commitlint/config-conventional"]`,
    ),
  /** `why`: "code", "not JSON"; `describe`: the change, as in "trunk cannot <describe> in it". */
  configEditByHand: (
    path: string,
    why: string,
    describe: string,
    edits: readonly (readonly [path: readonly (string | number)[], value: unknown])[],
  ) =>
    new TrunkError(
      'ECONFIGEDIT',
      `${path} is ${why}, so trunk cannot ${describe} in it.`,
      `make the change by hand: ${edits.map(([p, v]) => `${p.join('.')} = ${JSON.stringify(v)}`).join(', ')}`,
    ),
  commitlintConfig: (cwd: string, err: unknown) =>
    new TrunkError(
      'ECOMMITLINT',
      `the commitlint configuration in ${cwd} could not be loaded: ${describe(err)}`,
      'check .commitlintrc.json and that its `extends` packages are installed (npm install)',
      { cause: err },
    ),
  noTrunk: (trunk: string) =>
    new TrunkError(
      'ENOTRUNK',
      `the trunk branch "${trunk}" (setting "trunk") does not exist in this clone.`,
      `create it from the remote with: git branch ${trunk} origin/${trunk}   (or set "trunk" in trunk.config.json to your main branch)`,
    ),
  /** The server's bare repository has branches, and `trunk` is none of them. */
  serverNoTrunk: (gitDir: string, trunk: string, branches: string[]) =>
    new TrunkError(
      'ENOTRUNK',
      `${gitDir} has no branch "${trunk}" to judge pushes by (it has ${branches.slice(0, 5).join(', ')}).`,
      `name the trunk: npx trunk server install ${gitDir} --trunk <branch>`,
    ),
  /** `trunk server install`: the config committed on the server's trunk names another trunk. */
  serverTrunkDiffers: (file: string, named: string, trunk: string, gitDir: string) =>
    new TrunkError(
      'ENOTRUNK',
      `${file} names "${named}" as the trunk, but the server's trunk is ${trunk}.`,
      `install with that trunk: npx trunk server install ${gitDir} --trunk ${named}`,
    ),
  /** pre-receive: the push would leave the server's trunk with a config that names another trunk. */
  pushedTrunkDiffers: (file: string | null, named: string, trunk: string) =>
    new TrunkError(
      'ENOTRUNK',
      `${file ? `${file} names "${named}" as the trunk` : `with no trunk config committed, the trunk would be "${named}" (the default)`}, but the server's trunk (its HEAD) is ${trunk}.`,
      `${file ? 'keep' : 'commit a trunk.config.json with'} "trunk": "${trunk}", or have the server's admin run: npx trunk server install <repository> --trunk ${named}`,
    ),
  missingRevision: (rev: string) =>
    new TrunkError(
      'EMISSING',
      `${rev} is not in this clone, so the pull request cannot be judged.`,
      'fetch the full history: git fetch --unshallow origin (GitHub Actions: actions/checkout with fetch-depth: 0; GitLab CI: GIT_DEPTH: 0)',
    ),
  noCheckBase: (fallback: string) =>
    new TrunkError(
      'EMISSING',
      `trunk check has no base to judge against here: origin/HEAD is not set and ${fallback} does not exist.`,
      "name the trunk's tip: trunk check --base origin/<trunk>   (or set origin/HEAD: git remote set-head origin --auto)",
    ),
  badRange: (range: string, err: unknown) =>
    new TrunkError(
      'ERANGE',
      `the commit range ${range} cannot be read: ${describe(err)}`,
      'check both refs exist here (git fetch --unshallow if this is a shallow clone)',
      { cause: err },
    ),
  unreadableFile: (file: string, err: unknown) =>
    new TrunkError(
      'EREAD',
      `${file} could not be read: ${describe(err)}`,
      `check that ${file} exists and is readable`,
      { cause: err },
    ),
  unwritableSummary: (file: string, err: unknown) =>
    new TrunkError(
      'EWRITE',
      `the summary could not be written to ${file}: ${describe(err)}`,
      'name a file in a directory that exists and is writable: trunk check --summary <file>',
      { cause: err },
    ),
  unwritableOutput: (stream: string, err: unknown) =>
    new TrunkError(
      'EWRITE',
      `could not write to ${stream} (${describe(err)}): the output is incomplete.`,
      `run again with ${stream} somewhere writable`,
      { cause: err },
    ),
  usage: (message: string, fix: string) => new TrunkError('EUSAGE', message, fix),
  outsideRepository: (path: string) =>
    new TrunkError(
      'EOUTSIDE',
      `${path} is outside the repository, and trunk-init writes only inside its work tree.`,
      'set changelog.file and gitops.output in trunk.config.json to paths inside the repository',
    ),
  /** `what`: "a symlink", "under the symlink gitops", "recorded in HEAD as a symlink"; `link`: the path to remove. */
  notRegularFile: (path: string, what: string, link = path) =>
    new TrunkError(
      'ENOTREGULAR',
      `${path} is ${what}: trunk-init writes only regular files, never through a link that could point outside the repository; nothing was written.`,
      `remove the link (git rm ${link}, or rm ${link} if it is not committed) and run the command again: ${path} is then written as a regular file`,
    ),
  /** `where`: the config file, or "this repository". */
  noEnvironments: (where: string) =>
    new TrunkError(
      'ENOENVS',
      `${where} defines no "environments".`,
      'add them with: npx trunk-init --envs 2   (qa: main, prod: latest release; --envs 3 adds a candidate stage)',
    ),
  badAppDirectories: (path: string, rev: string, problems: string[]) =>
    new TrunkError(
      'EAPPS',
      `the directories gitops.path "${path}" matches at ${rev} cannot each name an app's objects:`,
      'rename one of the directories, or list the apps to deploy in "gitops": { "apps": [...] }',
      { details: problems },
    ),
  noRepoUrl: () =>
    new TrunkError(
      'ENOREPOURL',
      'the manifests need the URL Argo CD / Flux clone, and neither gitops.repoUrl nor remote.origin.url is set.',
      'set "gitops": { "repoUrl": "https://github.com/acme/deploy.git" } in trunk.config.json',
    ),
  forgeUnreachable: (url: string, err: unknown) =>
    new TrunkError(
      'EFORGE',
      `${url} could not be reached: ${err instanceof Error ? err.message : String(err)}.`,
      'check the network, or set GITHUB_API_URL for GitHub Enterprise Server (https://HOST/api/v3)',
      { cause: err },
    ),
  forgeRefused: (url: string, status: number, statusText: string) =>
    new TrunkError(
      'EFORGE',
      `GitHub answered ${status} ${statusText} for ${url}.`,
      "use a token that can read the repository's administration settings: GITHUB_TOKEN=$(gh auth token) npx trunk doctor --forge",
    ),
  notRulesets: (url: string) =>
    new TrunkError(
      'EFORGE',
      `${url} did not answer with a list of rulesets.`,
      'check GITHUB_API_URL points at the GitHub API',
    ),
  installFailed: (command: string, err: unknown) =>
    new TrunkError(
      'EINSTALL',
      `\`${command}\` failed: ${describe(err)}`,
      `run \`${command}\` yourself, or run trunk-init with --no-install`,
      { cause: err },
    ),
  noCommits: () =>
    new TrunkError(
      'ENOHEAD',
      'HEAD has no commits yet, so there is nothing to release.',
      'make the first commit (npx trunk-init does it in an empty repository)',
    ),
  notOnTrunk: (branch: string | null, trunk: string) =>
    new TrunkError(
      'ENOTONTRUNK',
      `releases are cut on ${trunk}, and HEAD is ${branch ? `on "${branch}"` : 'detached'}.`,
      `git switch ${trunk} && git pull, then release again`,
    ),
  changelogDirty: (file: string) =>
    new TrunkError(
      'EDIRTY',
      `${file} has uncommitted changes, which the release would mix into its changelog.`,
      `commit or stash them first: git stash push -- ${file}`,
    ),
  pointersDirty: (paths: string[]) =>
    new TrunkError(
      'EDIRTY',
      `${paths.join(' or ')} has uncommitted changes, which the release's pointer rewrite (the previous environment) would mix into its commit.`,
      `commit or stash them first: git stash push -- ${paths.join(' ')}`,
    ),
  tagExists: (tag: string) =>
    new TrunkError(
      'ETAGEXISTS',
      `the computed tag ${tag} already exists.`,
      `fetch and check what was released: git fetch --tags && git show ${tag}`,
    ),
  tagOnlyUpstream: (tag: string) =>
    new TrunkError(
      'ETAGUPSTREAM',
      `${tag} exists on origin but not here: the release was made, only its tag is missing locally.`,
      `fetch it: git fetch origin tag ${tag}`,
    ),
  shallow: (detail: string) =>
    new TrunkError(
      'ESHALLOW',
      `this clone is shallow and its history ${detail}, so the next version cannot be computed.`,
      'fetch the full history: git fetch --unshallow --tags (GitHub Actions: actions/checkout with fetch-depth: 0)',
    ),
  belowRelease: (tag: string, above: string, instead: string) =>
    new TrunkError(
      'EBELOW',
      `the next release ${tag} would be lower than ${above}, a release tag HEAD does not contain, so environments following the latest release would never deploy it; nothing was written.`,
      `if ${above} was released upstream, pull it first: git pull; if it is a stray tag, release above it: npx trunk release --release-as ${instead}`,
    ),
  badReleaseAs: (reason: string) =>
    new TrunkError('ERELEASEAS', `${reason}.`, 'pick a version greater than the last release, e.g. --release-as 2.0.0'),
  signFailed: (tag: string, err: unknown) =>
    new TrunkError(
      'ESIGN',
      `signing the release tag ${tag} failed (release.sign or git's tag.gpgSign is on): ${describe(err)}`,
      'unlock your signing key first (gpg-agent caches the passphrase: echo test | gpg --clearsign), or turn signing off: git config tag.gpgSign false / "release": { "sign": false }',
      { cause: err },
    ),
  headMoved: () =>
    new TrunkError(
      'EHEADMOVED',
      'HEAD moved while the release was being prepared (another release or a pull); nothing was written.',
      'run it again: npx trunk release',
    ),
  /** `owner`: what the lock file at `path` says about the release holding it. */
  releaseLocked: (owner: { pid?: number; host?: string; since?: string }, path: string) =>
    new TrunkError(
      'ELOCKED',
      `another release is in progress (pid ${owner.pid} on ${owner.host}, since ${owner.since}; ${path}).`,
      `wait for it to finish; if no release is running, remove the lock: rm ${path}`,
    ),
  /**
   * A write failed (a release, the tag an interrupted release lacks, a promotion's tag), said as undone, or as not
   * fully undone when an undo failed too (`failedUndos`); a specific error keeps its code and fix. The next step is
   * the command that makes the same write again.
   */
  writeFailed: (what: WriteKind, tag: string, err: unknown, failedUndos: readonly unknown[] = []) => {
    const { name, undone, retry } = WRITES[what.kind](tag, what.kind === 'promotion' ? what.env : '');
    if (failedUndos.length)
      return new TrunkError(
        'EUNDO',
        `${name} failed (${describe(err)}) and could not be fully undone: ${failedUndos.map(describe).join('; ')}`,
        retry.undo,
        { cause: err },
      );
    const failed = `${name} failed and was undone (${undone})`;
    return err instanceof TrunkError && err.code !== 'EGIT'
      ? new TrunkError(err.code, `${failed}: ${err.message}`, err.fix, { cause: err })
      : new TrunkError(retry.code, `${failed}: ${describe(err)}`, `fix the cause above, then run: ${retry.command}`, {
          cause: err,
        });
  },
  /** `what`: the directory and why it needs the renderer; `tools`: the programs tried, in order; `install`: how to get one. */
  rendererMissing: (what: string, tools: readonly string[], install: string) =>
    new TrunkError(
      'ENORENDERER',
      `${what}, and ${tools.length > 1 ? `neither ${tools.join(' nor ')} is` : `${tools[0]} is not`} on PATH, so it cannot be rendered (trunk never falls back to a diff of the files).`,
      install,
    ),
  /** `command`: what ran; `where`: the directory and ref; `stderr`: its last lines. */
  renderFailed: (command: string, where: string, stderr: string) =>
    new TrunkError(
      'ERENDER',
      `${command} failed for ${where}${stderr ? `: ${stderr}` : '.'}`,
      `fix the manifests at that ref, or run the renderer on a checkout of it to see the whole error: ${command}`,
    ),
  /** `source`: the file or the renderer's output, at a ref; `problem`: the parser's, with its line. */
  renderedNotYaml: (source: string, problem: string) =>
    new TrunkError(
      'ERENDER',
      `${source} is not YAML: ${problem}.`,
      'fix the YAML (a renderer that prints anything but YAML on stdout needs a different gitops.render)',
    ),
  renderedTooLarge: (source: string, limit: number) =>
    new TrunkError(
      'ERENDER',
      `${source} expands to more than ${limit.toLocaleString('en')} values (YAML aliases repeated over and over?), so it is not rendered.`,
      'remove the repeated aliases, or split the workloads into smaller directories',
    ),
  /** A symlink in the tree a renderer would read that points out of it (`target`), which could print any file on the machine. */
  renderSymlinkEscape: (path: string, rev: string, target: string) =>
    new TrunkError(
      'ESYMLINK',
      `${path} at ${rev} is a symlink to ${target}, outside the repository's tree, so nothing was rendered: a renderer following it could print any file on this machine.`,
      `replace the link with the file itself, or with a link inside the repository: git rm ${path}`,
    ),
  /** A tree entry whose path cannot be written inside the temporary copy (`..`, `.git`, an absolute path). */
  renderUnsafePath: (path: string, rev: string) =>
    new TrunkError(
      'EUNSAFEPATH',
      `the tree at ${rev} holds ${JSON.stringify(path)}, a path that would be written outside the temporary copy, so nothing was rendered.`,
      `rewrite the history that holds it; git fsck names the object: git fsck --full ${rev}`,
    ),
  /** A kustomization (`file`) naming a resource by URL (`entry`): rendering fetches nothing. */
  renderRemoteResource: (file: string, entry: string) =>
    new TrunkError(
      'EREMOTE',
      `${file} names the remote resource ${JSON.stringify(entry)}, and trunk env diff renders from git alone: it fetches nothing from the network.`,
      'vendor it into the repository (e.g. under deploy/vendor/) and name it by a relative path',
    ),
  /** A kustomization (`file`) naming a directory outside the repository (`entry`). */
  renderOutsideResource: (file: string, entry: string) =>
    new TrunkError(
      'EOUTSIDE',
      `${file} names ${JSON.stringify(entry)}, which is outside the repository, so it is not rendered: only the repository's own files are read.`,
      'name a directory inside the repository by a relative path, e.g. ../../base',
    ),
  /** A hook manager's config trunk-init cannot edit line by line; `why` completes "<file> …". */
  hookConfigByHand: (file: string, why: string, fix: string) =>
    new TrunkError('ECONFIGEDIT', `${file} ${why}, which trunk-init does not edit; nothing was written.`, fix),
  hooksPathTaken: (current: string) =>
    new TrunkError(
      'EHOOKSPATH',
      `core.hooksPath is already set to "${current}" by another tool; trunk-init will not clobber it, and changed nothing.`,
      `add trunk's checks to the hooks in ${current}: a line \`npx trunk hook <pre-commit|commit-msg|pre-push|post-merge> "$@"\` in each (pre-push needs git's stdin), or use trunk-init --hooks pre-commit / --hooks lefthook if that is your hook manager (README: Adopting in an existing repository)`,
    ),
};
