#!/usr/bin/env bash
# When a pull request closes: the ApplicationSet drops its Application, whose finalizer deletes
# every resource it made, namespace included. This removes the published manifests as well:
#   ci/teardown.sh <pull request number>
set -euo pipefail
number=$1
[[ $number =~ ^[1-9][0-9]{0,9}$ ]] || { echo "teardown.sh: pull request number \"$number\" must be a whole number above zero" >&2; exit 1; }
branch="paved/preview-$number"
remote=${PAVED_REMOTE:-origin}
if git ls-remote --exit-code --heads "$remote" "$branch" >/dev/null; then
  git push --quiet "$remote" --delete "$branch"
  echo "deleted $branch"
else
  echo "$branch was never published; nothing to delete"
fi
