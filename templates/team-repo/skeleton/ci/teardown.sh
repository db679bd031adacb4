#!/usr/bin/env bash
# When a pull request closes: the ApplicationSet drops its Application, whose finalizer deletes
# every resource it made, namespace included. This removes the published manifests as well:
#   ci/teardown.sh <pull request number>
# Preview branches are `paved/preview/<namespace>` and every preview namespace ends in
# `-pr-<n>` (PreviewNames): the pull request closed, so each preview of it in this repository goes.
set -euo pipefail
number=$1
[[ $number =~ ^[1-9][0-9]{0,9}$ ]] || { echo "teardown.sh: pull request number \"$number\" must be a whole number above zero" >&2; exit 1; }
remote=${PAVED_REMOTE:-origin}
branches=$(git ls-remote --heads "$remote" | awk '{ print $2 }' | sed -n "s#^refs/heads/\(paved/preview/[a-z0-9-]*-pr-$number\)\$#\1#p")
if [ -z "$branches" ]; then
  echo "no preview of pull request $number was published; nothing to delete"
  exit 0
fi
for branch in $branches; do
  git push --quiet "$remote" --delete "$branch"
  echo "deleted $branch"
done
