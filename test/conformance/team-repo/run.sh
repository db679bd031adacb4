#!/usr/bin/env bash
# A newcomer's first five minutes, for real: `paved init` from the packed package, `npm install`
# from the registry, then the type check (TypeScript 7), the snapshot tests and `cdk8s synth`
# on each supported Node.js line, with no compiler API anywhere.
#   bash test/conformance/team-repo/run.sh        (after `npx projen compile`)
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
CONFORMANCE_SUITE=team-repo
. "$root/test/conformance/lib.sh"
# Nothing to build: the registry is the toolchain.
conformance_build_only_exit
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CDK8S_CHECK_UPGRADE=false npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

# The newcomer's clock: from an empty folder to a repo that has passed its tests and synthesized.
newcomer_start=$SECONDS
repo=$(init_team_repo "$work")
cd "$repo"

for line in 22 24; do
  echo "team-repo: Node.js $line"
  rm -rf dist main.test.ts.snapshot node_modules/.cache/paved
  # As on a laptop: the first run records the snapshots, then CI holds the repo to them.
  npx -y -p "node@$line" -c 'node --version && env -u CI npm test && CI=true npm test && env -u CI npm run synth && npm run typecheck'
  # On a laptop the synth script runs the CLI and the app under Node's compile cache
  # (paved/compile-cache); on CI, which starts from a clean install, it writes none.
  [ -n "$(ls -A node_modules/.cache/paved/compile-cache 2>/dev/null)" ] || { echo "team-repo: Node.js $line: npm run synth kept no compile cache" >&2; exit 1; }
  for file in dist/payments-staging.k8s.yaml dist/payments-prod.k8s.yaml dist/gitops.k8s.yaml dist/catalog/catalog-info.yaml dist/paved-reports/paved-policy.sarif; do
    [ -s "$file" ] || { echo "team-repo: Node.js $line: synth wrote no $file" >&2; exit 1; }
  done
  # A preview, as CI synthesizes it for a pull request labelled preview.
  rm -rf node_modules/.cache/paved
  PAVED_PULL_REQUEST=7 CI=true npx -y -p "node@$line" -c 'npm run synth'
  [ -s dist/payments-pr-7.k8s.yaml ] || { echo "team-repo: Node.js $line: no preview manifest" >&2; exit 1; }
  [ ! -e node_modules/.cache/paved ] || { echo "team-repo: Node.js $line: npm run synth on CI wrote a compile cache" >&2; exit 1; }
  if [ -n "${newcomer_start:-}" ]; then
    echo "team-repo: a newcomer's repo (pack, paved init, npm install, tests, synth, a preview) on Node.js $line in $((SECONDS - newcomer_start))s (target: under 300s)"
    unset newcomer_start
  fi
done
echo "team-repo: paved init gives a repo that tests and synthesizes on Node.js 22 and 24, type-checked by TypeScript $(npx tsc --version | awk '{print $2}')"
