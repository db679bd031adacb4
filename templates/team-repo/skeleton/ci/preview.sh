#!/usr/bin/env bash
# Reads what the synth wrote about the preview (paved-reports/paved-previews.json) and publishes
# its manifest to the branch the ApplicationSet deploys it from:
#   ci/preview.sh <dist>
set -euo pipefail
dist=${1:-dist}
here=$(cd "$(dirname "$0")" && pwd)
report="$dist/paved-reports/paved-previews.json"
[ -f "$report" ] || { echo "preview.sh: $report not found: did the synth run with PAVED_PULL_REQUEST set?" >&2; exit 1; }
read -r manifest branch < <(node -e '
  const { previews } = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  if (previews.length !== 1) { console.error(`preview.sh: expected one preview, found ${previews.length}`); process.exit(1); }
  console.log(previews[0].manifest, previews[0].publishBranch);
' "$report")
"$here/publish.sh" "$branch" "$dist/$manifest"
