#!/usr/bin/env bash
# Conformance against a real control plane: every object Paved synthesizes (each example, the
# golden path of every tier, and an app using every construct and option) is server-side applied
# to kube-apiserver with strict field validation, dry run first, in Argo CD's sync order; then the
# controller manager must turn every Deployment and StatefulSet into admitted Pods, at minimum and
# at maximum replicas. Any rejection or warning fails the suite.
#
# Environment: PAVED_CONFORMANCE_CACHE (see ../lib.sh); PAVED_CONFORMANCE_NO_COMPILE=1 skips
# `projen compile` when lib/ is current; PAVED_CONFORMANCE_KEEP=DIR keeps manifests, logs and
# the report there.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
CONFORMANCE_SUITE=apiserver
. "$here/../lib.sh"
. "$here/control-plane.sh"
. "$here/crds.sh"

require_cmd go

recipe="$here/kubernetes-1.37"
k8s_version="$(sed -n -E 's/^(require)?[[:space:]]*k8s\.io\/kubernetes (v[0-9][^ ]*).*/\2/p' "$recipe/go.mod" | head -n1)"
[ -n "$k8s_version" ] || { conformance_log "no k8s.io/kubernetes version in $recipe/go.mod"; exit 1; }
start=$SECONDS
apiserver="$(go_build_cached kubernetes "$k8s_version" "$recipe" k8s.io/kubernetes/cmd/kube-apiserver)"
kcm="$(go_build_cached kubernetes "$k8s_version" "$recipe" k8s.io/kubernetes/cmd/kube-controller-manager)"
conformance_log "control plane binaries ready in $((SECONDS - start))s"
conformance_build_only_exit
require_cmd curl curl
require_cmd openssl openssl
require_cmd etcd etcd-server

work="$(mktemp -d "${TMPDIR:-/tmp}/paved-conformance-apiserver.XXXXXX")"
out="$work/manifests"
mkdir -p "$out"
cleanup() {
  control_plane_stop
  if [ -n "${PAVED_CONFORMANCE_KEEP:-}" ]; then mkdir -p "$PAVED_CONFORMANCE_KEEP" && cp -r "$work"/. "$PAVED_CONFORMANCE_KEEP"/; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Synthesize exactly what a team's CI would: the examples with cdk8s against the built library.
start=$SECONDS
cd "$root"
[ -n "${PAVED_CONFORMANCE_NO_COMPILE:-}" ] || npx projen compile >&2
for example in examples/*/; do
  # A team repo at the folder's top; examples/platform-package is a package (its team repo imports it by name).
  [ -f "$example/cdk8s.yaml" ] || continue
  name="$(basename "$example")"
  (cd "$example" && PAVED_PULL_REQUEST=142 CDK8S_CHECK_UPGRADE=false \
    npx cdk8s synth --no-check-upgrade --output "$out/example-$name" >/dev/null 2>"$work/synth-$name.log") \
    || { cat "$work/synth-$name.log" >&2; exit 1; }
done
npx ts-node --transpile-only --project test/tsconfig.json "$here/synth-fixtures.ts" "$out" >/dev/null 2>"$work/synth-fixtures.log" \
  || { cat "$work/synth-fixtures.log" >&2; exit 1; }
# One source per folder: its *.k8s.yaml files, the way an Argo CD Application would read them.
node -e '
  const fs = require("fs"), path = require("path");
  const out = process.argv[1];
  const sources = fs.readdirSync(out).sort().map((name) => ({
    name, files: fs.readdirSync(path.join(out, name)).filter((f) => f.endsWith(".k8s.yaml")).sort().map((f) => path.join(out, name, f)),
  })).filter((s) => s.files.length);
  fs.writeFileSync(process.argv[2], JSON.stringify(sources, null, 2));
  console.error(`[conformance:apiserver] synthesized ${sources.length} sources: ${sources.map((s) => s.name).join(", ")}`);
' "$out" "$work/sources.json"
conformance_log "synthesized in $((SECONDS - start))s"

crd_files "$here/crds.tsv" >"$work/crds.list"

start=$SECONDS
CP_KEEP_LOGS="${PAVED_CONFORMANCE_KEEP:+$PAVED_CONFORMANCE_KEEP/logs}"
control_plane_start "$work/control-plane" "$apiserver" "$kcm"
conformance_log "control plane up at $CP_URL in $((SECONDS - start))s"

start=$SECONDS
status=0
K8S_VERSION="$k8s_version" npx ts-node --transpile-only --project test/tsconfig.json "$here/apply.ts" \
  --crds "$work/crds.list" --sources "$work/sources.json" --report "$work/report.json" || status=$?
conformance_log "applied and checked in $((SECONDS - start))s"
mkdir -p "$PAVED_CONFORMANCE_CACHE/reports"
cp "$work/report.json" "$PAVED_CONFORMANCE_CACHE/reports/apiserver.json" 2>/dev/null || true
if [ "$status" != 0 ]; then
  conformance_log "FAILED; control plane logs:"
  for f in "$work/control-plane"/*.log; do echo "--- $f (last 20 lines)" >&2; tail -n 20 "$f" >&2; done
fi
exit "$status"
