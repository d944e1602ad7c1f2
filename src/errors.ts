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

export const errors = {
  notARepo: (cwd: string) =>
    new TrunkError('ENOTREPO', `${cwd} is not inside a git repository.`, 'run this inside a git work tree, or create one with: git init -b main'),
  notBare: (path: string) =>
    new TrunkError('ENOTBARE', `${path} is not a bare repository: the pre-receive hook belongs on the git server's bare copy.`, 'point at the server repository (the one with no work tree), e.g.: npx trunk server install /srv/git/gitops.git'),
  gitMissing: () =>
    new TrunkError('ENOGIT', 'git was not found on PATH.', 'install git (https://git-scm.com/downloads) and make sure `git --version` works'),
  gitFailed: (command: string, err: unknown) =>
    new TrunkError('EGIT', `git ${command} failed: ${describe(err)}`, 'run the same git command by hand to see the full error', { cause: err }),
  badConfig: (file: string, problems: string[]) =>
    new TrunkError('ECONFIG', `${file} is invalid (${problems.length} problem${problems.length > 1 ? 's' : ''}):`, `edit ${file} (the README lists every key), then run: npx trunk doctor`, {
      details: problems,
    }),
  /** `at`: where the JSON breaks and what was expected there (adapters/config/json-syntax.ts); null when unknown. */
  badJson: (file: string, at: { line: number; column: number; problem: string } | null, err: unknown) =>
    new TrunkError('ECONFIG', `${at ? `${file}:${at.line}:${at.column}` : file} is not valid JSON: ${at ? at.problem : describe(err)}.`, `fix ${file}${at ? ` at line ${at.line}, column ${at.column}` : ''}, then run the command again`, { cause: err }),
  unreadableConfig: (file: string, err: unknown) =>
    new TrunkError('ECONFIG', `${file} could not be read: ${describe(err)}`, `fix the syntax of ${file}, then run: npx trunk doctor`, { cause: err }),
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
  missingRevision: (rev: string) =>
    new TrunkError('EMISSING', `${rev} is not in this clone, so the pull request cannot be judged.`, 'fetch the full history: git fetch --unshallow origin (GitHub Actions: actions/checkout with fetch-depth: 0; GitLab CI: GIT_DEPTH: 0)'),
  badRange: (range: string, err: unknown) =>
    new TrunkError('ERANGE', `the commit range ${range} cannot be read: ${describe(err)}`, 'check both refs exist here (git fetch --unshallow if this is a shallow clone)', { cause: err }),
  unreadableFile: (file: string, err: unknown) =>
    new TrunkError('EREAD', `${file} could not be read: ${describe(err)}`, `check that ${file} exists and is readable`, { cause: err }),
  usage: (message: string, fix: string) => new TrunkError('EUSAGE', message, fix),
  outsideRepository: (path: string) =>
    new TrunkError('EOUTSIDE', `${path} is outside the repository, and trunk-init writes only inside its work tree.`, 'set changelog.file and gitops.output in trunk.config.json to paths inside the repository'),
  /** `what`: "a symlink", "under the symlink gitops", "recorded in HEAD as a symlink"; `link`: the path to remove. */
  notRegularFile: (path: string, what: string, link = path) =>
    new TrunkError(
      'ENOTREGULAR',
      `${path} is ${what}: trunk-init writes only regular files, never through a link that could point outside the repository; nothing was written.`,
      `remove the link (git rm ${link}, or rm ${link} if it is not committed) and run the command again: ${path} is then written as a regular file`,
    ),
  installFailed: (command: string, err: unknown) =>
    new TrunkError('EINSTALL', `\`${command}\` failed: ${describe(err)}`, `run \`${command}\` yourself, or run trunk-init with --no-install`, { cause: err }),
  noCommits: () => new TrunkError('ENOHEAD', 'HEAD has no commits yet, so there is nothing to release.', 'make the first commit (npx trunk-init does it in an empty repository)'),
  notOnTrunk: (branch: string | null, trunk: string) =>
    new TrunkError('ENOTONTRUNK', `releases are cut on ${trunk}, and HEAD is ${branch ? `on "${branch}"` : 'detached'}.`, `git switch ${trunk} && git pull, then release again`),
  changelogDirty: (file: string) =>
    new TrunkError('EDIRTY', `${file} has uncommitted changes, which the release would mix into its changelog.`, `commit or stash them first: git stash push -- ${file}`),
  tagExists: (tag: string) =>
    new TrunkError('ETAGEXISTS', `the computed tag ${tag} already exists.`, `fetch and check what was released: git fetch --tags && git show ${tag}`),
  shallow: (detail: string) =>
    new TrunkError('ESHALLOW', `this clone is shallow and its history ${detail}, so the next version cannot be computed.`, 'fetch the full history: git fetch --unshallow --tags (GitHub Actions: actions/checkout with fetch-depth: 0)'),
  belowRelease: (tag: string, above: string, instead: string) =>
    new TrunkError(
      'EBELOW',
      `the next release ${tag} would be lower than ${above}, a release tag HEAD does not contain, so environments following the latest release would never deploy it; nothing was written.`,
      `if ${above} was released upstream, pull it first: git pull; if it is a stray tag, release above it: npx trunk release --release-as ${instead}`,
    ),
  badReleaseAs: (reason: string) => new TrunkError('ERELEASEAS', `${reason}.`, 'pick a version greater than the last release, e.g. --release-as 2.0.0'),
  signFailed: (tag: string, err: unknown) =>
    new TrunkError(
      'ESIGN',
      `signing the release tag ${tag} failed (release.sign or git's tag.gpgSign is on): ${describe(err)}`,
      "unlock your signing key first (gpg-agent caches the passphrase: echo test | gpg --clearsign), or turn signing off: git config tag.gpgSign false / \"release\": { \"sign\": false }",
      { cause: err },
    ),
  headMoved: () => new TrunkError('EHEADMOVED', 'HEAD moved while the release was being prepared (another release or a pull); nothing was written.', 'run it again: npx trunk release'),
  undoIncomplete: (err: unknown, failed: unknown[]) =>
    new TrunkError(
      'EUNDO',
      `the release failed (${describe(err)}) and could not be fully undone: ${failed.map(describe).join('; ')}`,
      'check git status, git log -1 and git tag --points-at HEAD; then run npx trunk release again, which completes an interrupted release',
      { cause: err },
    ),
  /** A release step failed and everything was undone; a specific error keeps its code and fix. */
  releaseFailed: (err: unknown) => {
    if (err instanceof TrunkError && err.code === 'EUNDO') return err;
    const undone = 'the release failed and was undone (no changelog or pointer manifest edit, no release commit, no tag)';
    return err instanceof TrunkError && err.code !== 'EGIT'
      ? new TrunkError(err.code, `${undone}: ${err.message}`, err.fix, { cause: err })
      : new TrunkError('ERELEASE', `${undone}: ${describe(err)}`, 'fix the cause above, then run: npx trunk release', { cause: err });
  },
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
