// The `trunk-init` bin: bootstraps the repository in the current directory.
import { runMain } from './main.js';

const args = process.argv.slice(2);
const HELP = `trunk-init: set up trunk-based development in this git repository

Usage: npx trunk-init [--yes] [--dry-run] [--force] [--no-install] [--hooks husky|pre-commit|lefthook]
                      [--ci github|gitlab] [--uninstall [--purge]]
                      [--envs 2|3] [--prod previous] [--gitops argocd|flux] [--repo-url URL] [--path PATH]
  --yes         do not ask (always the case when stdin is not a terminal)
  --dry-run     list what would be written, write nothing
  --force       overwrite configs you already have (hook files: trunk-init only adds its block, never deletes a line)
  --no-install  do not run the package manager (hooks then use the trunk-init already in node_modules)
  --hooks NAME  what runs the hooks: husky (the default), pre-commit (the pre-commit framework) or lefthook;
                a .pre-commit-config.yaml or lefthook.yml already there picks that one
  --ci NAME     also write CI workflows (trunk check on pull requests, trunk release on the trunk) and the
                forge's branch and tag rules: github or gitlab
  --envs N      long-lived environments: 2 (qa: main, prod: latest release) or 3 (dev: main, qa: latest
                candidate, prod: latest release; releases are candidates, trunk env promote makes them stable)
  --prod previous  with --envs 3: qa follows the latest release, prod the one before (rewritten at each release)
  --gitops TOOL    also write the manifests that make each environment follow its ref: argocd or flux
  --repo-url URL   the repository URL the GitOps tool clones (default: origin's, without credentials)
  --path PATH      where each environment's workloads are (default deploy/overlays/{env}); with {app}, one
                   app per directory it matches: 'apps/{app}/overlays/{env}'
  --uninstall   take trunk-init out: its hook blocks (or its pre-commit / lefthook entries), core.hooksPath, its
                package.json and .gitignore edits
                (--purge: also the configs, CI files and manifests it created; --dry-run: print the plan)`;

await runMain(async () => (args.includes('--help') || args.includes('-h') ? async (_, io) => (io.out(HELP), 0) : (await import('./commands/init.js')).run), args);
