// The `trunk` bin: parses the command word and lazy-loads that command (hooks load only what they need).
import { errors } from '../errors.js';
import { runMain, type Command } from './main.js';
import { VERSION } from './version.js';

const HELP = `trunk ${VERSION}: trunk-based development for GitOps repositories

Usage:
  trunk release [--dry-run] [--json] [--push] [--release-as X.Y.Z] [--prerelease ID]
                                        compute the next version, write the changelog, commit and tag it
  trunk notes [--from REF] [--to REF] [--json]
                                        release notes for a range (default: the next release), writing nothing
  trunk env [status] [--all] [--json]   which commit and version each environment runs, what is waiting, checks
  trunk env diff <from> <to> [--json]   release notes of what <from> runs and <to> does not, workload changes
  trunk env promote <env> [--dry-run] [--json] [--push]
                                        <env> takes what the environment before it runs (tags the candidate stable)
  trunk env pin <env> <tag> | unpin <env>
                                        override an environment's track with an exact release tag (rollback)
  trunk env manifests [--tool argocd|flux] [--out DIR] [--check]
                                        write the Argo CD / Flux manifests, or check they match the config
  trunk check [--base REF] [--head REF] [--branch NAME] [--title TEXT] [--json]
                                        judge a pull/merge request in CI (defaults from GitHub Actions / GitLab CI)
  trunk lint --message FILE | --from REF [--to REF]
                                        lint a commit message or a range of commits
  trunk doctor [--forge]                check that this clone is protected (--forge: that GitHub holds the rulesets)
  trunk config [--json]                 the effective configuration and where each value comes from
  trunk server install <bare repo> [--force]
                                        install the pre-receive hook on a git server's bare repository
  trunk hook <pre-commit|commit-msg|pre-push|post-merge|pre-receive> [git's arguments]
                                        run a hook (the .husky shims call these)

Exit codes: 0 ok, 1 refused by the policy, 2 error. TRUNK_SKIP=1 skips local hooks; TRUNK_DEBUG=1 traces them.`;

const hooks: Record<string, () => Promise<{ run: Command }>> = {
  'pre-commit': () => import('./commands/hook-pre-commit.js'),
  'commit-msg': () => import('./commands/hook-commit-msg.js'),
  'pre-push': () => import('./commands/hook-pre-push.js'),
  'post-merge': () => import('./commands/hook-post-merge.js'),
  'pre-receive': () => import('./commands/hook-pre-receive.js'),
};
const commands: Record<string, () => Promise<{ run: Command }>> = {
  release: () => import('./commands/release.js'),
  notes: () => import('./commands/notes.js'),
  env: () => import('./commands/env.js'),
  check: () => import('./commands/check.js'),
  lint: () => import('./commands/lint.js'),
  doctor: () => import('./commands/doctor.js'),
  config: () => import('./commands/config.js'),
  server: () => import('./commands/server.js'),
};

const [word, ...rest] = process.argv.slice(2);

async function resolve(): Promise<Command> {
  if (word === '--version' || word === '-v') return async (_, io) => (io.out(VERSION), 0);
  if (!word || word === '--help' || word === '-h' || word === 'help') return async (_, io) => (io.out(HELP), 0);
  if (word === 'hook') {
    const load = hooks[rest[0]];
    if (!load) throw errors.usage(`trunk hook needs one of ${Object.keys(hooks).join(', ')}, not "${rest[0] ?? ''}".`, 'trunk hook pre-commit');
    return (await load()).run;
  }
  const load = commands[word];
  if (!load) throw errors.usage(`"${word}" is not a trunk command.`, 'trunk --help');
  return (await load()).run;
}

await runMain(resolve, word === 'hook' ? rest.slice(1) : rest);
