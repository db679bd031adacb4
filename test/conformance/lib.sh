# Shared helpers for the conformance suites. Source it: `. "$(dirname "$0")/../lib.sh"`.
#
# Interface (kept stable; every suite relies on it):
#   PAVED_CONFORMANCE_CACHE   cache root outside the repository
#                             (default ${XDG_CACHE_HOME:-$HOME/.cache}/paved-conformance)
#   conformance_log MSG...    one line on stderr, prefixed with the suite name
#   go_build_cached NAME VERSION MODDIR PACKAGE [OUTNAME]
#                             builds PACKAGE (a Go import path) inside the Go module MODDIR
#                             (a go.mod/go.sum of ours that pins the upstream module) into
#                             $PAVED_CONFORMANCE_CACHE/NAME-VERSION/OUTNAME (default: the
#                             package's last path element) unless it is already there, then
#                             prints the binary's path on stdout. The key is NAME-VERSION plus
#                             a hash of MODDIR's go.mod and go.sum, so a changed recipe rebuilds.
#   go_mod_dir MODULE@VERSION prints the module-cache directory of a downloaded Go module
#                             (downloads it first), for reading files upstream ships in it.
#   conformance_build_only_exit
#                             ends the suite here when PAVED_CONFORMANCE_BUILD_ONLY is set: CI
#                             builds every suite's tools beside the unit tests, then runs them.
#   conformance_compile_if_stale
#                             rebuilds lib/ (npx projen compile, in the repository root) when a
#                             source is newer: the examples import the package by name, which
#                             resolves to its build.
#   init_team_repo WORK      packs this repository's package into WORK, runs its `paved init` into
#                             WORK/payments-infra with paved taken from that tarball, installs it
#                             from the registry, and prints the repo's path (init's own output on
#                             stderr); needs lib/ built.
#   require_cmd CMD [APT_PACKAGE]
#                             fails with a clear message when CMD is missing; when running as
#                             root with apt-get available it installs APT_PACKAGE first.
#
# Upstream code and binaries stay in the cache and the Go module cache, never in the repository.

: "${PAVED_CONFORMANCE_CACHE:=${XDG_CACHE_HOME:-$HOME/.cache}/paved-conformance}"
export PAVED_CONFORMANCE_CACHE
mkdir -p "$PAVED_CONFORMANCE_CACHE"

conformance_log() {
  printf '[conformance%s] %s\n' "${CONFORMANCE_SUITE:+:$CONFORMANCE_SUITE}" "$*" >&2
}

_conformance_hash() {
  cat "$@" 2>/dev/null | sha256sum | cut -c1-12
}

go_build_cached() {
  local name="$1" version="$2" moddir="$3" pkg="$4" out="${5:-}"
  [ -n "$out" ] || out="${pkg##*/}"
  local key
  key="$(_conformance_hash "$moddir/go.mod" "$moddir/go.sum")"
  local dir="$PAVED_CONFORMANCE_CACHE/$name-$version"
  local bin="$dir/$out"
  if [ -x "$bin" ] && [ "$(cat "$bin.key" 2>/dev/null)" = "$key" ]; then
    printf '%s\n' "$bin"
    return 0
  fi
  mkdir -p "$dir"
  conformance_log "building $pkg ($name $version); cached in $dir"
  local start=$SECONDS
  # -trimpath and stripped symbols: smaller, reproducible binaries; the build is the slow part.
  if ! (cd "$moddir" && CGO_ENABLED="${CGO_ENABLED:-0}" GOFLAGS="${GOFLAGS:-} -trimpath -mod=readonly" \
        go build -ldflags='-s -w' -o "$bin.tmp" "$pkg"); then
    rm -f "$bin.tmp"
    conformance_log "build of $pkg failed"
    return 1
  fi
  mv "$bin.tmp" "$bin"
  printf '%s\n' "$key" >"$bin.key"
  conformance_log "built $out in $((SECONDS - start))s"
  printf '%s\n' "$bin"
}

go_mod_dir() {
  local mod="$1" json dir
  json="$(cd "$PAVED_CONFORMANCE_CACHE" && GOFLAGS=-mod=mod go mod download -json "$mod")" || {
    conformance_log "go mod download $mod failed"; return 1; }
  dir="$(printf '%s' "$json" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",*$/\1/p')"
  [ -d "$dir" ] || { conformance_log "no module directory for $mod"; return 1; }
  printf '%s\n' "$dir"
}

require_cmd() {
  local cmd="$1" pkg="${2:-}"
  command -v "$cmd" >/dev/null 2>&1 && return 0
  if [ -n "$pkg" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    conformance_log "installing $pkg for $cmd"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$pkg") >&2 || true
  fi
  command -v "$cmd" >/dev/null 2>&1 || { conformance_log "missing command: $cmd${pkg:+ (Debian package $pkg)}"; return 1; }
}

conformance_build_only_exit() {
  if [ -n "${PAVED_CONFORMANCE_BUILD_ONLY:-}" ]; then
    conformance_log "tools built; not running (PAVED_CONFORMANCE_BUILD_ONLY)"
    exit 0
  fi
}

conformance_compile_if_stale() {
  local root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  if [ ! -f "$root/lib/index.js" ] || [ -n "$(find "$root/src" -name '*.ts' -newer "$root/lib/index.js" | head -1)" ]; then
    (cd "$root" && npx projen compile) >&2
  fi
}

init_team_repo() {
  local work="$1" root tarball repo
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  [ -f "$root/lib/init/cli.js" ] || { conformance_log "$root/lib is not built; run npx projen compile first"; return 1; }
  tarball=$(cd "$root" && npm pack --silent --pack-destination "$work" | tail -n 1)
  repo="$work/payments-infra"
  node "$root/lib/init/cli.js" init "$repo" --team payments --domain apps.acme.dev --registry registry.acme.dev \
    --repository https://github.com/acme/payments-infra >&2
  # The package under test, in place of the registry's copy of paved.
  (cd "$repo" && npm pkg set "dependencies.paved=file:$work/$tarball" && npm install --silent >&2)
  printf '%s\n' "$repo"
}
