// Every command's flags and usage, parsed one way (node:util parseArgs): --help prints the command's own usage, and an
// unknown or misspelt flag, a missing value or a stray argument is a usage error (exit 2) naming it and the nearest flag.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { closest } from '../core/closest.js';
import { GITOPS_TOOLS } from '../core/gitops/registry.js';
import { wordList } from '../core/word-list.js';
import { errors, Exit, type ExitCode } from '../errors.js';
import { FORGES } from './forges/registry.js';
import type { Command, Io } from './main.js';
import { VERSION } from './version.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface Usage<O extends Options = Options> {
  /** How it is called: "trunk release", "npx trunk-init". */
  command: string;
  /** What follows the command in the usage line. */
  synopsis: string;
  summary: string;
  /** One [flag or argument, what it does] pair a line. */
  details: [string, string][];
  options: O;
  /** The positional arguments it takes at most. */
  positionals: number;
}

const usage = <O extends Options>(u: Usage<O>): Usage<O> => u;
const EXIT_CODES = 'Exit codes: 0 ok, 1 refused by the policy, 2 error.';
const TOOL_IDS = GITOPS_TOOLS.map((t) => t.id);
const FORGE_IDS = FORGES.map((f) => f.id);

export const USAGE = {
  init: usage({
    command: 'npx trunk-init',
    synopsis: `[--yes] [--dry-run] [--force] [--no-install] [--hooks husky|pre-commit|lefthook] [--ci ${FORGE_IDS.join('|')}] [--uninstall [--purge]] [--envs 2|3] [--prod previous] [--gitops ${TOOL_IDS.join('|')}] [--repo-url URL] [--path PATH]`,
    summary: 'set up trunk-based development in this git repository',
    details: [
      ['--yes', 'do not ask (always the case when stdin is not a terminal)'],
      ['--dry-run', 'list what would be written, write nothing'],
      [
        '--force',
        'overwrite configs you already have (hook files: trunk-init only adds its block, never deletes a line)',
      ],
      ['--no-install', 'do not run the package manager (hooks then use the trunk-init already in node_modules)'],
      [
        '--hooks NAME',
        'what runs the hooks: husky (the default), pre-commit (the pre-commit framework) or lefthook; a .pre-commit-config.yaml or lefthook.yml already there picks that one',
      ],
      [
        '--ci NAME',
        `also write CI workflows (trunk check on pull requests, trunk release on the trunk) and the forge's branch and tag rules: ${wordList(FORGE_IDS, 'or')}`,
      ],
      [
        '--envs N',
        'long-lived environments: 2 (qa: main, prod: latest release) or 3 (dev: main, qa: latest candidate, prod: latest release; trunk env promote makes candidates stable)',
      ],
      [
        '--prod previous',
        'with --envs 3: qa follows the latest release, prod the one before (rewritten at each release)',
      ],
      [
        '--gitops TOOL',
        `also write the manifests that make each environment follow its ref: ${wordList(TOOL_IDS, 'or')}`,
      ],
      ['--repo-url URL', "the repository URL the GitOps tool clones (default: origin's, without credentials)"],
      [
        '--path PATH',
        "where each environment's workloads are (default deploy/overlays/{env}); with {app}, one app per directory it matches: 'apps/{app}/overlays/{env}'",
      ],
      [
        '--uninstall',
        'take trunk-init out: its hook blocks (or its pre-commit / lefthook entries), core.hooksPath, its package.json and .gitignore edits (--dry-run: print the plan)',
      ],
      ['--purge', 'with --uninstall: also the configs, CI files and manifests it created'],
    ],
    options: {
      yes: { type: 'boolean', short: 'y' },
      'dry-run': { type: 'boolean' },
      force: { type: 'boolean' },
      'no-install': { type: 'boolean' },
      ci: { type: 'string' },
      envs: { type: 'string' },
      prod: { type: 'string' },
      gitops: { type: 'string' },
      'repo-url': { type: 'string' },
      uninstall: { type: 'boolean' },
      purge: { type: 'boolean' },
      path: { type: 'string' },
      hooks: { type: 'string' },
    },
    positionals: 0,
  }),
  release: usage({
    command: 'trunk release',
    synopsis: '[--dry-run] [--json] [--push] [--release-as X.Y.Z] [--prerelease ID] [--force --reason TEXT]',
    summary: 'compute the next version, write the changelog, commit and tag it',
    details: [
      ['--dry-run', 'write nothing; print the notes'],
      ['--json', 'print {version, tag, previousTag, bump, commits, notes, dryRun, gates} on stdout'],
      ['--push', 'push the trunk and the tag to origin in one atomic push'],
      ['--release-as X.Y.Z', 'release this version instead of the computed one'],
      ['--prerelease ID', 'cut a release candidate: vX.Y.Z-ID.N'],
      [
        '--force --reason TEXT',
        "release into a frozen environment; the tag's message records the freeze, the reason and who",
      ],
    ],
    options: {
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
      push: { type: 'boolean' },
      'release-as': { type: 'string' },
      prerelease: { type: 'string' },
      force: { type: 'boolean' },
      reason: { type: 'string' },
    },
    positionals: 0,
  }),
  notes: usage({
    command: 'trunk notes',
    synopsis: '[--from REF] [--to REF] [--json]',
    summary: 'release notes for a range (default: the next release), writing nothing',
    details: [
      ['--from REF', 'from this ref (default: the last release)'],
      ['--to REF', 'up to this ref (default: HEAD)'],
      ['--json', 'print {from, to, bump, commits, notes} on stdout'],
    ],
    options: { from: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean' } },
    positionals: 0,
  }),
  envStatus: usage({
    command: 'trunk env status',
    synopsis: '[--all] [--json]',
    summary: 'which commit and version each environment runs, what is waiting, and the checks (also: trunk env)',
    details: [
      ['--all', 'list every waiting commit and changed file, not the first five'],
      ['--json', 'print {environments, diffs, warnings} on stdout'],
    ],
    options: { all: { type: 'boolean' }, json: { type: 'boolean' } },
    positionals: 0,
  }),
  envDiff: usage({
    command: 'trunk env diff',
    synopsis: '<from> <to> [--json | --markdown]',
    summary:
      "what promoting <from>'s ref into <to> changes: <to>'s workloads rendered at both refs and compared object by object (Secret values hidden), the commits and their release notes, the workload files that differ (trunk env diff qa prod)",
    details: [
      ['--json', 'print {from, to, commits, notes, changes, apps, rendered} on stdout'],
      ['--markdown', 'print the report as markdown, for a pull-request comment or a job summary'],
    ],
    options: { json: { type: 'boolean' }, markdown: { type: 'boolean' } },
    positionals: 2,
  }),
  envPromote: usage({
    command: 'trunk env promote',
    synopsis: '<env> [--dry-run] [--json] [--push] [--force --reason TEXT]',
    summary: '<env> takes what the environment before it runs (tags the candidate stable)',
    details: [
      ['--dry-run', 'write nothing; print what would be tagged or moved'],
      ['--json', 'print the promotion as JSON on stdout'],
      ['--push', 'push the new tag to origin'],
      [
        '--force --reason TEXT',
        "promote past a closed gate (soak, freeze); the tag's message records the gates, the reason and who",
      ],
    ],
    options: {
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
      push: { type: 'boolean' },
      force: { type: 'boolean' },
      reason: { type: 'string' },
    },
    positionals: 1,
  }),
  envPin: usage({
    command: 'trunk env pin',
    synopsis: '<env> <tag>',
    summary: "override an environment's track with an exact release tag (rollback), in the config and the manifests",
    details: [],
    options: {},
    positionals: 2,
  }),
  envUnpin: usage({
    command: 'trunk env unpin',
    synopsis: '<env>',
    summary: 'remove the pin: the environment follows its track again',
    details: [],
    options: {},
    positionals: 1,
  }),
  envManifests: usage({
    command: 'trunk env manifests',
    synopsis: `[--tool ${TOOL_IDS.join('|')}] [--out DIR] [--check]`,
    summary: `write the ${GITOPS_TOOLS.map((t) => t.label).join(' / ')} manifests, or check they match the config`,
    details: [
      ['--tool TOOL', `${wordList(TOOL_IDS, 'or')} (default: gitops.tool in the config)`],
      ['--out DIR', 'write under DIR instead of the repository'],
      ['--check', 'write nothing; exit 1 with a diff when the files differ from the config (for CI)'],
    ],
    options: { tool: { type: 'string' }, out: { type: 'string' }, check: { type: 'boolean' } },
    positionals: 0,
  }),
  check: usage({
    command: 'trunk check',
    synopsis: '[--base REF] [--head REF] [--branch NAME] [--title TEXT] [--summary [FILE]] [--json]',
    summary: `judge a pull/merge request in CI (defaults from ${FORGES.map((f) => f.ci).join(' / ')})`,
    details: [
      ['--base REF', "the target's tip the request is judged against (default: origin/HEAD, else refs/heads/main)"],
      ['--head REF', "the request's tip (default: HEAD)"],
      ['--branch NAME', 'the source branch (default: the current branch)'],
      ['--title TEXT', "the request's title, linted as a squash merge's message"],
      [
        '--summary [FILE]',
        'also write, as Markdown, what merging it would release and where each environment goes: to FILE, else $GITHUB_STEP_SUMMARY under GitHub Actions, else stdout',
      ],
      ['--json', 'print {ok, base, head, source, target, commits, problems} on stdout (with --summary, also preview)'],
    ],
    options: {
      base: { type: 'string' },
      head: { type: 'string' },
      branch: { type: 'string' },
      title: { type: 'string' },
      summary: { type: 'boolean' },
      json: { type: 'boolean' },
    },
    positionals: 1,
  }),
  lint: usage({
    command: 'trunk lint',
    synopsis: '--message FILE | --from REF [--to REF]',
    summary: 'lint a commit message or a range of commits',
    details: [
      ['--message FILE', 'lint this message file (comment lines stripped, as with commitlint --edit)'],
      ['--from REF', 'lint every commit in REF..HEAD'],
      ['--to REF', 'with --from: up to this ref instead of HEAD'],
    ],
    options: { message: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } },
    positionals: 0,
  }),
  doctor: usage({
    command: 'trunk doctor',
    synopsis: '[--forge]',
    summary: 'check that this clone is protected (--forge: that GitHub holds the rulesets)',
    details: [['--forge', 'check the GitHub rulesets instead, with GITHUB_TOKEN or GH_TOKEN']],
    options: { forge: { type: 'boolean' } },
    positionals: 0,
  }),
  config: usage({
    command: 'trunk config',
    synopsis: '[--json]',
    summary: 'the effective configuration and where each value comes from',
    details: [['--json', 'print {file, config} on stdout']],
    options: { json: { type: 'boolean' } },
    positionals: 0,
  }),
  serverInstall: usage({
    command: 'trunk server install',
    synopsis: '<bare repo> [--trunk NAME] [--force] [--deny-rewrites]',
    summary: "install the pre-receive hook on a git server's bare repository",
    details: [
      ['--trunk NAME', "the trunk the server's HEAD is pointed at (default: HEAD's branch, else main)"],
      ['--force', "replace a pre-receive hook that is not trunk-init's"],
      ['--deny-rewrites', 'also set receive.denyNonFastForwards and receive.denyDeletes (for every ref)'],
    ],
    options: { trunk: { type: 'string' }, force: { type: 'boolean' }, 'deny-rewrites': { type: 'boolean' } },
    positionals: 1,
  }),
};

const HOOKS: Record<string, [synopsis: string, summary: string]> = {
  'pre-commit': ['', 'may a commit be made on this branch?'],
  'commit-msg': ['<message file>', "is the message a Conventional Commit, by the repository's commitlint config?"],
  'pre-push': [
    '<remote> <url>   (the refs on stdin, as git gives them)',
    'may these refs and commits go to the remote?',
  ],
  'post-merge': ['<squash flag>', 'after a merge into the trunk, cut the release it calls for (release.onMerge)'],
  'pre-receive': [
    '   (in a bare repository; the refs on stdin, as git gives them)',
    "the git server's check, which no client can skip",
  ],
};

/** `head` then `text`, broken between words (a bracketed group, nested once, is one) into lines of at most 110 columns, hanging under `text`. */
function wrap(head: string, text: string): string {
  const lines = [head];
  for (const word of text.match(/\[(?:[^[\]]|\[[^\]]*\])*\]|\S+/g) ?? []) {
    const last = lines.length - 1;
    if (lines[last].trim() && lines[last].length + 1 + word.length > 110)
      lines.push(`${' '.repeat(head.length)}${word}`);
    else lines[last] += lines[last].length > head.length ? ` ${word}` : word;
  }
  return lines.join('\n');
}

/** The help of one command: its usage line, what it does, its flags. */
export function helpOf(u: Pick<Usage, 'command' | 'synopsis' | 'summary' | 'details'>): string {
  const width = Math.max(0, ...u.details.map(([flag]) => flag.length));
  const details = u.details.map(([flag, text]) => wrap(`  ${flag.padEnd(width)}  `, text));
  const summary = `${u.summary[0].toUpperCase()}${u.summary.slice(1)}${/[.?]$/.test(u.summary) ? '' : '.'}`;
  return [
    wrap(`Usage: ${u.command} `, u.synopsis).trimEnd(),
    '',
    summary,
    ...(details.length ? ['', ...details] : []),
    '',
    EXIT_CODES,
  ].join('\n');
}

const line = (u: Pick<Usage, 'command' | 'synopsis' | 'summary'>) =>
  `  ${u.command}${u.synopsis ? ` ${u.synopsis}` : ''}\n      ${u.summary}`;
const ENV = [USAGE.envStatus, USAGE.envDiff, USAGE.envPromote, USAGE.envPin, USAGE.envUnpin, USAGE.envManifests];
const hookUsage = (name: string) => ({
  command: `trunk hook ${name}`,
  synopsis: HOOKS[name][0],
  summary: HOOKS[name][1],
  details: [],
});

/** `trunk --help`, `trunk env --help`, `trunk server --help`, `trunk hook --help`. */
export const GROUPS: Record<'trunk' | 'env' | 'server' | 'hook', () => string> = {
  trunk: () =>
    [
      `trunk ${VERSION}: trunk-based development for GitOps repositories`,
      '',
      'Usage:',
      ...[
        USAGE.release,
        USAGE.notes,
        ...ENV,
        USAGE.check,
        USAGE.lint,
        USAGE.doctor,
        USAGE.config,
        USAGE.serverInstall,
      ].map(line),
      line({
        command: 'trunk hook',
        synopsis: `<${Object.keys(HOOKS).join('|')}> [git's arguments]`,
        summary: 'run a hook (the .husky shims call these)',
      }),
      '',
      `trunk <command> --help shows one command's flags. ${EXIT_CODES}`,
      'TRUNK_SKIP=1 skips local hooks; TRUNK_DEBUG=1 traces them.',
    ].join('\n'),
  env: () =>
    ['Usage:', ...ENV.map(line), '', `trunk env <command> --help shows one command's flags. ${EXIT_CODES}`].join('\n'),
  server: () => helpOf(USAGE.serverInstall),
  hook: () =>
    [
      'Usage:',
      ...Object.keys(HOOKS).map((name) => line(hookUsage(name))),
      '',
      'The .husky shims run these; other hook managers can call them too.',
      EXIT_CODES,
    ].join('\n'),
};

/** The help of `trunk hook <name>`, or null for a name that is not a hook. */
export const hookHelp = (name: string): string | null => (HOOKS[name] ? helpOf(hookUsage(name)) : null);

/** The usage error for a word that is not one of `words` (a command, a subcommand), with the nearest one. */
export function unknownWord(word: string, words: readonly string[], what: string, help: string) {
  const near = closest(word, words);
  return errors.usage(`"${word}" is not ${what}${near ? `; did you mean "${near}"?` : `: ${words.join(', ')}.`}`, help);
}

const isHelp = (arg: string) => arg === '--help' || arg === '-h';

/** parseArgs' TypeErrors (ERR_PARSE_ARGS_*) as usage errors naming the flag and the nearest valid one. */
function usageError(u: Usage, err: unknown): Error {
  const code = (err as { code?: string }).code;
  if (!(err instanceof TypeError) || !code?.startsWith('ERR_PARSE_ARGS_')) return err as Error;
  const flag = /'(-{1,2}[^' ]+)/.exec(err.message)?.[1] ?? '';
  const help = `${u.command} --help`;
  const longs = Object.keys(u.options);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const near = flag.startsWith('--') ? closest(flag.slice(2), longs) : null;
    const valid = longs.length
      ? `${u.command} takes ${longs.map((f) => `--${f}`).join(', ')}`
      : `${u.command} takes no flags`;
    return errors.usage(`unknown flag ${flag}: ${near ? `did you mean --${near}?` : `${valid}.`}`, help);
  }
  const name = flag.replace(/^-+/, '');
  const option = u.options[name] ?? Object.values(u.options).find((o) => o.short === name);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option?.type === 'boolean')
    return errors.usage(`${flag} takes no value.`, help);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
    return errors.usage(
      `${flag} needs a value${/ambiguous/.test(err.message) ? ` (one that starts with "-" is written ${flag}=-value)` : ''}.`,
      help,
    );
  return errors.usage(err.message, help);
}

type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>>;

/** `args` by the command's flags: null after printing its help (--help, -h), else its values and positionals. */
export function parseFlags<O extends Options>(u: Usage<O>, args: string[], io: Io): Parsed<O> | null {
  const end = args.indexOf('--');
  if ((end < 0 ? args : args.slice(0, end)).some(isHelp)) {
    io.out(helpOf(u));
    return null;
  }
  let parsed: Parsed<O>;
  try {
    parsed = parseArgs({ args, options: u.options, allowPositionals: true, strict: true });
  } catch (err) {
    throw usageError(u, err);
  }
  const stray = parsed.positionals[u.positionals];
  if (stray !== undefined) {
    const takes =
      u.positionals === 0
        ? 'takes no arguments'
        : `takes ${
            u.synopsis
              .match(/<[^>]+>/g)
              ?.slice(0, u.positionals)
              .join(' ') ?? `${u.positionals}`
          } only`;
    throw errors.usage(`unexpected argument "${stray}": ${u.command} ${takes}.`, `${u.command} --help`);
  }
  return parsed;
}

/** A command that parses its flags with `u`: `--help` prints the usage, anything it does not take is a usage error. */
export function defineCommand<O extends Options>(
  u: Usage<O>,
  body: (parsed: Parsed<O>, io: Io) => Promise<ExitCode>,
): Command {
  return async (args, io) => {
    const parsed = parseFlags(u, args, io);
    return parsed ? body(parsed, io) : Exit.Ok;
  };
}
