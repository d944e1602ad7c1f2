# trunk-init: sourced by the hook shims in .husky/. Finds node even where GUI git clients and IDEs start
# hooks without the shell's PATH, then runs the trunk CLI with node directly (never npx).

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

# Runs `trunk hook <name> <git's arguments>`; never lets a commit through unchecked when it cannot run.
# $lib is the path the shim sourced this file from.
trunk_hook() {
  hook=$1
  shift
  [ "${TRUNK_DEBUG-}" = "1" ] && set -x
  if [ "${TRUNK_SKIP-}" = "1" ]; then
    echo "trunk: TRUNK_SKIP=1, the $hook check was skipped; pre-push and the server-side checks still apply." >&2
    exit 0
  fi
  cli="${lib%/hooks/lib.sh}/dist/trunk.mjs" # next to the lib.sh the shim sourced
  if [ ! -f "$cli" ]; then
    echo "trunk: $cli is missing, so the $hook check cannot run. Fix: npm install" >&2
    exit 2
  fi
  if ! node=$(trunk_find_node); then
    echo "trunk: node was not found (PATH=$PATH), so the $hook check cannot run. Fix: set TRUNK_NODE=/path/to/node in ~/.config/husky/init.sh, then run: npx trunk doctor" >&2
    exit 2
  fi
  # Hooks make no TLS connections, and loading a CA bundle costs node ~140 ms a start on machines that set one.
  NODE_EXTRA_CA_CERTS= exec "$node" "$cli" hook "$hook" "$@"
}
