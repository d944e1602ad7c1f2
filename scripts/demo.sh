#!/bin/sh
# npm run demo: bootstraps a throwaway repository with the built trunk-init, then exercises every rule with
# plain git against a local bare remote. Exits non-zero if any step does not behave as shown.
set -u
project=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/trunk-demo.XXXXXX")
[ "${KEEP-}" = "1" ] || trap 'rm -rf "$work"' EXIT

# Nothing of yours leaks in: no global git config, hooks path or husky init script.
for v in $(env | sed -n 's/^\(GIT_[A-Z_]*\)=.*/\1/p'); do unset "$v"; done
unset TRUNK_SKIP HUSKY
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" GIT_CONFIG_NOSYSTEM=1 GIT_TERMINAL_PROMPT=0
mkdir -p "$HOME"

failures=0
bold() { printf '\n\033[1m%s\033[0m\n' "$*"; }
# expect CODE COMMAND...: shows the command, runs it, shows its output, checks its exit code.
expect() {
  want=$1
  shift
  shown=
  for arg in "$@"; do case $arg in *" "*) shown="$shown \"$arg\"" ;; *) shown="$shown $arg" ;; esac; done
  printf '\033[36m$%s\033[0m\n' "$shown"
  "$@" > "$work/out" 2>&1
  got=$?
  sed 's/^/  /' "$work/out"
  if [ "$got" = "$want" ]; then printf '  \033[32m→ exit %s, as expected\033[0m\n' "$got"; else printf '  \033[31m→ exit %s, expected %s\033[0m\n' "$got" "$want"; failures=$((failures + 1)); fi
}
# says TEXT: the last command's output holds TEXT (a refusal for its reason, not a crash with the same exit code).
says() {
  grep -qF -- "$1" "$work/out" || { printf '  \033[31m→ its output does not say: %s\033[0m\n' "$1"; failures=$((failures + 1)); }
}
# says_only TEXT: the last command's output is exactly TEXT.
says_only() {
  [ "$(cat "$work/out")" = "$1" ] || { printf '  \033[31m→ its output is not exactly: %s\033[0m\n' "$1"; failures=$((failures + 1)); }
}

git init -q --bare "$work/remote.git"
git init -q "$work/repo"
cd "$work/repo" || exit 2
git config user.name "Demo" && git config user.email "demo@example.com" && git config commit.gpgSign false && git config tag.gpgSign false
# Offline: link this checkout as the installed trunk-init (what `npm install` would do), then --no-install.
mkdir -p node_modules/@commitlint
ln -s "$project" node_modules/trunk-init
ln -s "$project/node_modules/husky" node_modules/husky
ln -s "$project/node_modules/@commitlint/config-conventional" node_modules/@commitlint/config-conventional
git remote add origin "$work/remote.git"

bold "1. Bootstrap an empty repository"
expect 0 node "$project/dist/trunk-init.mjs" --no-install
expect 0 git log --oneline
expect 0 git push -q -u origin main

bold "2. Nobody commits on main; the staged work survives the refusal"
echo "replicas: 2" > web.yaml && git add web.yaml
expect 1 git commit -m "feat: scale web"
says "Committing directly on main is not allowed"
expect 0 git diff --cached --name-only
says_only "web.yaml"

bold "3. Work goes on a feature branch, in Conventional Commits"
git switch -q -c feature/scale-web
expect 1 git commit -m "Scaled web to 2 replicas."
says "is not a Conventional Commit"
expect 0 git commit -m "feat: scale web to 2 replicas"

bold "4. No branch stacked on an unmerged branch"
git switch -q -c feature/on-top
echo "x" > top.yaml && git add top.yaml
expect 1 git commit -m "feat: build on top"
says "is stacked on \"feature/scale-web\""
git reset -q && rm top.yaml && git switch -q main && git branch -q -D feature/on-top

bold "5. Merging the branch into main is the way in; the post-merge hook cuts the release"
expect 0 git merge -q --no-ff -m "Merge branch 'feature/scale-web'" feature/scale-web
says "released v1.0.0 (minor)"
expect 0 git log --oneline --decorate -3
says "(HEAD -> main, tag: v1.0.0) chore(release): v1.0.0"
expect 0 cat CHANGELOG.md
says "* scale web to 2 replicas"
expect 0 git push -q --atomic origin main v1.0.0

bold "6. A --no-verify commit on main is caught at push"
echo "replicas: 9" > web.yaml && git add web.yaml && git commit -q --no-verify -m "fix: quick fix on main"
expect 1 git push origin main
says "made directly on main is not allowed"
git branch -q feature/quick-fix && git reset -q --keep origin/main

bold "7. Release tags are published once, never moved or deleted"
git tag -f -a v1.0.0 -m "moved" HEAD~1 >/dev/null
expect 1 git push --force origin v1.0.0
says "Moving release tag v1.0.0 on origin is not allowed"
expect 1 git push origin --delete v1.0.0
says "Deleting release tag v1.0.0 on origin is not allowed"

bold "8. Every merge of releasable work is released; asking again finds nothing to do"
git switch -q -c feature/replicas main && git commit -q --allow-empty -m "fix(web): pin replicas to 3" && git switch -q main
expect 0 git merge -q --no-ff -m "Merge branch 'feature/replicas'" feature/replicas
says "released v1.0.1 (patch)"
expect 0 node "$project/dist/trunk.mjs" release --dry-run --json
says '"version":null'

bold "9. The clone is protected, and trunk-init is idempotent"
expect 0 node "$project/dist/trunk.mjs" doctor
says "trunk: this clone is protected."
expect 0 node "$project/dist/trunk-init.mjs" --no-install
says "nothing to do"

bold "10. Environments are refs: qa follows main, prod the latest release; the Argo CD manifests say so"
git switch -q -c feature/environments main
expect 0 node "$project/dist/trunk-init.mjs" --no-install --envs 2 --gitops argocd --repo-url https://github.com/acme/demo-deploy.git
git add -A && git commit -q -m "chore(env): qa and prod follow refs, with Argo CD manifests"
git switch -q main
expect 0 git merge -q --no-ff -m "Merge branch 'feature/environments'" feature/environments
expect 0 node "$project/dist/trunk.mjs" env
expect 0 node "$project/dist/trunk.mjs" env manifests --check

if [ "$failures" -ne 0 ]; then bold "demo: $failures step(s) did not behave as expected"; exit 1; fi
bold "demo: every rule held (run with KEEP=1 to keep $work)"
