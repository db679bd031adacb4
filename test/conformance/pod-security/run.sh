#!/usr/bin/env bash
# Pod Security conformance: Paved's emitted pod templates and its pss.* rules against the upstream
# Pod Security Admission evaluator (k8s.io/pod-security-admission), built from the Go module proxy
# at the version pinned in harness/go.mod and cached outside the repository.
# Needs: Go (1.26+), and Node with the project's node_modules. Runs from anywhere.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
HERE="$ROOT/test/conformance/pod-security"
CACHE="${PAVED_CONFORMANCE_CACHE:-$HOME/.cache/paved-conformance}"

# The harness binary, keyed by the module version and a hash of the harness sources.
VERSION="$(cd "$HERE/harness" && go list -m -f '{{.Version}}' k8s.io/pod-security-admission)"
KEY="$(cat "$HERE"/harness/go.mod "$HERE"/harness/go.sum "$HERE"/harness/*.go | sha256sum | cut -c1-12)"
BIN="$CACHE/pod-security-admission-$VERSION/psa-$KEY"
if [ ! -x "$BIN" ]; then
  echo "pod-security: building the harness on k8s.io/pod-security-admission $VERSION into $BIN"
  mkdir -p "$(dirname "$BIN")"
  start=$SECONDS
  (cd "$HERE/harness" && go build -mod=readonly -buildvcs=false -o "$BIN.tmp" .)
  mv "$BIN.tmp" "$BIN"
  echo "pod-security: built in $((SECONDS - start))s"
fi

CONFORMANCE_SUITE=pod-security
. "$ROOT/test/conformance/lib.sh"
conformance_build_only_exit
cd "$ROOT"
conformance_compile_if_stale
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
npx ts-node --project test/tsconfig.json --transpile-only "$HERE/check.ts" "$BIN" "$WORK"
