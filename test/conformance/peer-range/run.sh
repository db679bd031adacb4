#!/usr/bin/env bash
# Paved's peer dependency ranges, at both ends: a team repo from `paved init` (packed package) is
# installed with the lowest versions of cdk8s, cdk8s-plus-28 and constructs its ranges admit (the
# ones Paved is built and tested with, which paved init pins), records its snapshots and
# synthesizes; then takes the newest versions within the same ranges from the registry, and must
# pass the same snapshots and synthesize byte for byte the same files.
#   bash test/conformance/peer-range/run.sh        (after `npx projen compile`)
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
CONFORMANCE_SUITE=peer-range
. "$root/test/conformance/lib.sh"
# Nothing to build: the registry is the toolchain.
conformance_build_only_exit
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CDK8S_CHECK_UPGRADE=false npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

repo=$(init_team_repo "$work")
cd "$repo"
peers=(cdk8s cdk8s-plus-28 constructs)
installed() { for p in "${peers[@]}"; do printf '%s@%s ' "$p" "$(node -p "require('$p/package.json').version")"; done; }
on_node24() { npx -y -p node@24 -c "$1"; }

low=$(installed)
# Each peer's lowest admitted version is the one paved init pins: the floor of Paved's range.
for p in "${peers[@]}"; do
  range=$(node -p "require('$root/package.json').peerDependencies['$p']")
  [ "${range#^}" = "$(node -p "require('$p/package.json').version")" ] || { echo "peer-range: $p is not installed at the floor of $range" >&2; exit 1; }
done
on_node24 'env -u CI npm test > /dev/null && npm run synth > /dev/null'
cp -r dist "$work/dist-low"

# The newest versions each range admits, from the registry.
specs=()
for p in "${peers[@]}"; do specs+=("$p@$(node -p "require('$root/package.json').peerDependencies['$p']")"); done
npm install --silent "${specs[@]}"
high=$(installed)
if [ "$low" = "$high" ]; then
  # Today's floors may be the newest releases: then both ends are one version, tested above.
  echo "peer-range: the newest versions the ranges admit are the floors ($low): both ends tested as one"
  exit 0
fi
rm -rf dist
on_node24 'CI=true npm test > /dev/null && npm run synth > /dev/null'
diff -r "$work/dist-low" dist > "$work/diff" || { echo "peer-range: the newest peers synthesize different files:" >&2; head -50 "$work/diff" >&2; exit 1; }
echo "peer-range: lowest ($low) and newest ($high) pass the same snapshots and synthesize the same $(find dist -type f | wc -l) files"
