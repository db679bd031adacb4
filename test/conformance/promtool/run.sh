#!/usr/bin/env bash
# Alerts conformance: Paved's PrometheusRules, canary AnalysisTemplates and dashboards against
# Prometheus itself: promtool (check rules, test rules) and the PromQL parser, both built from
# github.com/prometheus/prometheus at the version pinned in harness/go.mod (promtool through its
# `tool` line), cached outside the repository.
# Needs: Go (1.26.7+), and Node with the project's node_modules. Runs from anywhere.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
HERE="$ROOT/test/conformance/promtool"
CACHE="${PAVED_CONFORMANCE_CACHE:-$HOME/.cache/paved-conformance}"

VERSION="$(cd "$HERE/harness" && go list -m -f '{{.Version}}' github.com/prometheus/prometheus)"
DIR="$CACHE/prometheus-$VERSION"
MODULES_KEY="$(cat "$HERE"/harness/go.mod "$HERE"/harness/go.sum | sha256sum | cut -c1-12)"
HARNESS_KEY="$(cat "$HERE"/harness/go.mod "$HERE"/harness/go.sum "$HERE"/harness/*.go | sha256sum | cut -c1-12)"
PROMTOOL="$DIR/promtool-$MODULES_KEY"
PROMQL="$DIR/promql-$HARNESS_KEY"

# build OUTPUT PACKAGE: go build in the harness module, so go.sum pins every dependency.
build() {
  echo "promtool: building $2 ($VERSION) into $1"
  mkdir -p "$DIR"
  local start=$SECONDS
  (cd "$HERE/harness" && go build -mod=readonly -buildvcs=false -o "$1.tmp" "$2")
  mv "$1.tmp" "$1"
  echo "promtool: built in $((SECONDS - start))s"
}
[ -x "$PROMTOOL" ] || build "$PROMTOOL" github.com/prometheus/prometheus/cmd/promtool
[ -x "$PROMQL" ] || build "$PROMQL" .

CONFORMANCE_SUITE=promtool
. "$ROOT/test/conformance/lib.sh"
conformance_build_only_exit
cd "$ROOT"
conformance_compile_if_stale
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
npx ts-node --project test/tsconfig.json --transpile-only "$HERE/check.ts" "$PROMTOOL" "$PROMQL" "$WORK" "$VERSION"
