#!/usr/bin/env bash
# Argo conformance: Paved's Rollouts and AnalysisTemplates against Argo Rollouts' own validation,
# and its preview ApplicationSet against Argo CD's own ApplicationSet rendering. Two harnesses,
# each a Go module of ours pinning the upstream module (rollouts/go.mod: github.com/argoproj/
# argo-rollouts; applicationset/go.mod: github.com/argoproj/argo-cd/v3), built from the Go module
# proxy and cached outside the repository.
# Needs: Go (1.26.3+), git, and Node with the project's node_modules. Runs from anywhere.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
HERE="$ROOT/test/conformance/argo"
CONFORMANCE_SUITE=argo
. "$ROOT/test/conformance/lib.sh"
require_cmd go
require_cmd git git

# go_build_cached keys a binary on go.mod and go.sum; the harness's own source joins the version
# so an edit to main.go rebuilds it too.
harness() {
  local dir="$1" module="$2" version key
  version="$(cd "$dir" && go list -m -f '{{.Version}}' "$module")"
  key="$(cat "$dir"/*.go | sha256sum | cut -c1-8)"
  printf '%s %s\n' "$version" "$(go_build_cached "argo-$(basename "$dir")" "$version-$key" "$dir" . "$(basename "$dir")")"
}
BUILT="$(harness "$HERE/rollouts" github.com/argoproj/argo-rollouts)"
read -r ROLLOUTS_VERSION ROLLOUTS <<<"$BUILT"
BUILT="$(harness "$HERE/applicationset" github.com/argoproj/argo-cd/v3)"
read -r ARGOCD_VERSION APPLICATIONSET <<<"$BUILT"

conformance_build_only_exit
cd "$ROOT"
conformance_compile_if_stale
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
npx ts-node --project test/tsconfig.json --transpile-only "$HERE/check.ts" "$ROLLOUTS" "$APPLICATIONSET" "$WORK" "$ROLLOUTS_VERSION" "$ARGOCD_VERSION"
