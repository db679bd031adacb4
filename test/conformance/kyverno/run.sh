#!/usr/bin/env bash
# Kyverno conformance: the ClusterPolicies Paved exports (KyvernoPolicies), run by the Kyverno CLI
# built from github.com/kyverno/kyverno at the version pinned in harness/go.mod (through its `tool`
# line), over every example, the app that uses every construct and a failing and a passing twin
# of every exported rule; Kyverno's verdict on each object and rule must be Paved's.
# Needs: Go (1.26.5+), and Node with the project's node_modules. Runs from anywhere.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
HERE="$ROOT/test/conformance/kyverno"
CONFORMANCE_SUITE=kyverno
. "$ROOT/test/conformance/lib.sh"

VERSION="$(cd "$HERE/harness" && go list -m -f '{{.Version}}' github.com/kyverno/kyverno)"
KYVERNO="$(go_build_cached kyverno "$VERSION" "$HERE/harness" github.com/kyverno/kyverno/cmd/cli/kubectl-kyverno kyverno)"
conformance_build_only_exit
cd "$ROOT"
conformance_compile_if_stale
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
start=$SECONDS
npx ts-node --project test/tsconfig.json --transpile-only "$HERE/check.ts" "$KYVERNO" "$WORK" "$VERSION"
conformance_log "checked in $((SECONDS - start))s"
