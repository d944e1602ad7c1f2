# trunk-init: sourced by trunk-init's block in the hook files in .husky/ (and by hooks/check, which other hook
# managers run). Runs the clone's own hooks that core.hooksPath hides from git, finds node even where GUI git
# clients and IDEs start hooks without the shell's PATH, then runs the trunk CLI with node directly (never npx).
# The user's lines after the block run next, with the same arguments and stdin.

# Prints the path of a node binary: $TRUNK_NODE, PATH, then where version managers and installers keep it.
trunk_find_node() {
  if [ -n "${TRUNK_NODE-}" ]; then
    [ -x "$TRUNK_NODE" ] && { echo "$TRUNK_NODE"; return 0; }
    echo "trunk: TRUNK_NODE=$TRUNK_NODE is not an executable node." >&2
    return 1
  fi
  command -v node 2>/dev/null && return 0
  nvm_dir=${NVM_DIR:-$HOME/.nvm}
  nvm_alias=$(cat "$nvm_dir/alias/default" 2>/dev/null)
  fnm_dir=${FNM_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/fnm}
  # nvm's default alias ("20", "v20.11.0", "lts/*" ...): an installed version it names, else any installed one.
  nvm_node=$(ls -d "$nvm_dir/versions/node/v${nvm_alias#v}"* "$nvm_dir/versions/node/"* 2>/dev/null | head -n 1)
  for candidate in \
    "$nvm_node/bin/node" \
    "$fnm_dir/aliases/default/bin/node" \
    "$HOME/Library/Application Support/fnm/aliases/default/bin/node" \
    "${VOLTA_HOME:-$HOME/.volta}/bin/node" \
    "${ASDF_DATA_DIR:-$HOME/.asdf}/shims/node" \
    "${XDG_DATA_HOME:-$HOME/.local/share}/mise/shims/node" \
    "$HOME/.nodenv/shims/node" \
    /opt/homebrew/bin/node \
    /usr/local/bin/node; do
    [ -x "$candidate" ] && { echo "$candidate"; return 0; }
  done
  return 1
}

# Hooks git feeds on stdin: the input is kept in a file, so each of the clone's hook, trunk and the user's lines reads
# all of it.
trunk_keep_stdin() {
  case $1 in pre-push | post-rewrite | reference-transaction) ;; *) return 0 ;; esac
  [ -n "${trunk_input-}" ] && return 0
  trunk_input=$(mktemp) || exit 2
  trap 'rm -f "$trunk_input"' EXIT
  cat >"$trunk_input"
  exec <"$trunk_input"
}

# Runs this clone's own .git/hooks/<name>, which git no longer runs while core.hooksPath points at .husky/_
# (the pre-commit framework, lefthook, git-lfs, a hand-written hook), with git's arguments and stdin; its failure
# is the hook's failure.
trunk_chain() {
  hook=$1
  shift
  trunk_keep_stdin "$hook"
  if [ -d .git ]; then own=.git/hooks/$hook; else own="$(git rev-parse --path-format=absolute --git-common-dir 2>/dev/null)/hooks/$hook"; fi
  [ -x "$own" ] || return 0
  "$own" "$@" || {
    code=$?
    echo "trunk: $own failed (exit $code); it is this clone's own $hook hook, which trunk-init runs first." >&2
    exit $code
  }
  [ -z "${trunk_input-}" ] || exec <"$trunk_input"
}

# Runs the clone's own hook, then trunk's check. $lib is the path the block sourced this file from.
trunk_run() {
  [ "${TRUNK_DEBUG-}" = "1" ] && set -x
  trunk_chain "$@"
  trunk_check "$@"
}

# Asks git the question recorded in file $1 (its arguments, one a line) and writes what `trunk hook` reads on its
# stdin: the arguments, NUL, git's output, NUL, git's exit status, NUL, what git wrote on stderr. pre-commit and
# commit-msg ask git one question each; asked here, it runs while node starts (src/adapters/git/prefetch.ts).
trunk_prefetch() {
  file=$1
  set --
  while IFS= read -r arg; do set -- "$@" "$arg"; done <"$file"
  printf '%s\n' "$@"
  printf '\0'
  { if err=$(git "$@" 2>&1 >&3 </dev/null); then code=0; else code=$?; fi; } 3>&1 # husky runs hooks with sh -e
  printf '\0%s\0%s' "$code" "$err"
}

# Runs `trunk hook <name> <git's arguments>`; never lets a commit through unchecked when it cannot run. A hook
# manager that runs it as one of its own hooks (hooks/check) calls this alone: .git/hooks are the manager's.
trunk_check() {
  hook=$1
  shift
  [ "${TRUNK_DEBUG-}" = "1" ] && set -x
  if [ "${TRUNK_SKIP-}" = "1" ]; then
    echo "trunk: TRUNK_SKIP=1, the $hook check was skipped; pre-push and the server-side checks still apply." >&2
    return 0
  fi
  # next to the lib.sh the block sourced: the trunk bin, compiled from the code V8 cached last time (src/cli/hook.ts)
  cli="${lib%/hooks/lib.sh}/dist/hook.cjs"
  if [ ! -f "$cli" ]; then
    echo "trunk: $cli is missing, so the $hook check cannot run. Fix: npm install" >&2
    exit 2
  fi
  if ! node=$(trunk_find_node); then
    echo "trunk: node was not found (PATH=$PATH), so the $hook check cannot run. Fix: set TRUNK_NODE=/path/to/node in ~/.config/husky/init.sh, then run: npx trunk doctor" >&2
    exit 2
  fi
  # The question trunk recorded in the git dir; where it may not be .git (a linked worktree, GIT_DIR), none.
  prefetch=.git/trunk-init/$hook.prefetch
  case $hook in pre-commit | commit-msg) ;; *) prefetch= ;; esac
  [ -d .git ] && [ -z "${GIT_DIR-}${GIT_WORK_TREE-}${GIT_COMMON_DIR-}" ] || prefetch=
  # Hooks make no TLS connections, and loading a CA bundle costs node ~140 ms a start on machines that set one.
  if [ -n "$prefetch" ] && [ -f "$prefetch" ]; then
    trunk_prefetch "$prefetch" | TRUNK_PREFETCHED=1 NODE_EXTRA_CA_CERTS= "$node" "$cli" hook "$hook" "$@" || exit $?
  else
    NODE_EXTRA_CA_CERTS= "$node" "$cli" hook "$hook" "$@" || exit $?
  fi
  [ -z "${trunk_input-}" ] || exec <"$trunk_input"
}
