#!/usr/bin/env bash
# Scanners conformance: kube-score (built from github.com/zegl/kube-score at the version pinned in
# kube-score/go.mod) and Checkov (from PyPI, pinned below, in a virtualenv) over every example's
# synthesized output, and every acknowledgement Paved writes for them proved honoured by the
# scanner itself. Both live in the cache, outside the repository.
# kube-linter and Polaris are not run: the Go module proxy serves neither module.
# Needs: Go (1.24+), Python 3 with venv, and Node with the project's node_modules. Runs from anywhere.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
HERE="$ROOT/test/conformance/scanners"
CHECKOV_VERSION=3.3.30

CONFORMANCE_SUITE=scanners
. "$ROOT/test/conformance/lib.sh"

KUBE_SCORE_VERSION="$(cd "$HERE/kube-score" && go list -m -f '{{.Version}}' github.com/zegl/kube-score)"
KUBE_SCORE="$(go_build_cached kube-score "$KUBE_SCORE_VERSION" "$HERE/kube-score" github.com/zegl/kube-score/cmd/kube-score)"

# Checkov: a virtualenv per version; `.installed` marks one whose install finished.
VENV="$PAVED_CONFORMANCE_CACHE/checkov-$CHECKOV_VERSION/venv"
if [ ! -f "$VENV/.installed" ]; then
  require_cmd python3 python3
  if ! python3 -c 'import ensurepip, venv' 2>/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    conformance_log "installing python3-venv for checkov's virtualenv"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv) >&2 || true
  fi
  conformance_log "installing checkov $CHECKOV_VERSION into $VENV"
  start=$SECONDS
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "checkov==$CHECKOV_VERSION" >&2
  touch "$VENV/.installed"
  conformance_log "installed checkov in $((SECONDS - start))s"
fi

conformance_build_only_exit
cd "$ROOT"
conformance_compile_if_stale
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
npx ts-node --project test/tsconfig.json --transpile-only "$HERE/check.ts" "$KUBE_SCORE" "$VENV/bin/checkov" "$WORK" "$KUBE_SCORE_VERSION" "$CHECKOV_VERSION"
