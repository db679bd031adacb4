#!/usr/bin/env bash
# Synthesizes team-repo/ as its own repository would: @acme/platform built with tsc and installed
# beside paved (this repository's build) and the cdk8s packages, in a folder of its own.
#   bash examples/platform-package/synth.sh [outdir]     (after `npx projen compile`; default team-repo/dist)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tools="$root/node_modules"
outdir=$(mkdir -p "${1:-$here/team-repo/dist}" && cd "${1:-$here/team-repo/dist}" && pwd)
[ -f "$root/lib/index.js" ] || { echo "platform-package: $root/lib is not built; run npx projen compile first" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# What npm install would lay out: each package linked to where it is built.
install() {
  local dir=$1; shift
  while [ $# -gt 0 ]; do
    mkdir -p "$(dirname "$dir/node_modules/$1")"
    ln -s "$2" "$dir/node_modules/$1"
    shift 2
  done
}
shared=(paved "$root" cdk8s "$tools/cdk8s" cdk8s-plus-28 "$tools/cdk8s-plus-28" constructs "$tools/constructs")

mkdir -p "$work/platform" "$work/payments-infra"
cp -r "$here/package.json" "$here/tsconfig.json" "$here/tsconfig.build.json" "$here/src" "$work/platform/"
install "$work/platform" "${shared[@]}" @types/node "$tools/@types/node"
node "$tools/typescript/bin/tsc" -p "$work/platform/tsconfig.build.json"

cp "$here/team-repo/package.json" "$here/team-repo/tsconfig.json" "$here/team-repo/main.ts" "$work/payments-infra/"
install "$work/payments-infra" "${shared[@]}" @acme/platform "$work/platform"
(cd "$work/payments-infra" && CDK8S_OUTDIR="$outdir" node "$tools/ts-node/dist/bin.js" --transpile-only main.ts)
echo "platform-package: the payments team repo, on @acme/platform $(node -p "require('$here/package.json').version"), synthesized $(cd "$outdir" && ls ./*.k8s.yaml | xargs -n1 basename | tr '\n' ' ')into ${outdir#"$root"/}" >&2
