#!/usr/bin/env bash
# Publishes synthesized manifests as the single commit of a branch, which Argo CD deploys from:
#   ci/publish.sh <branch> <file>...
# Run inside the repository's checkout (it pushes to its `origin`, with the checkout's credentials).
# The branch holds nothing but the files: history lives in the source branch, so each publish
# replaces the last and Argo CD diffs what is deployed against exactly what was synthesized.
set -euo pipefail
branch=$1; shift
[ $# -gt 0 ] || { echo "publish.sh: no files to publish to $branch" >&2; exit 1; }
remote=${PAVED_REMOTE:-origin}

# A private index, so the checkout's own index and working tree are left as they were.
index=$(mktemp -u)
trap 'rm -f "$index"' EXIT
for file in "$@"; do
  blob=$(git hash-object -w "$file")
  GIT_INDEX_FILE=$index git update-index --add --cacheinfo "100644,$blob,$(basename "$file")"
done
tree=$(GIT_INDEX_FILE=$index git write-tree)
source=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
commit=$(GIT_AUTHOR_NAME=${GIT_AUTHOR_NAME:-paved-ci} GIT_AUTHOR_EMAIL=${GIT_AUTHOR_EMAIL:-paved-ci@users.noreply.github.com} \
  GIT_COMMITTER_NAME=${GIT_COMMITTER_NAME:-paved-ci} GIT_COMMITTER_EMAIL=${GIT_COMMITTER_EMAIL:-paved-ci@users.noreply.github.com} \
  git commit-tree "$tree" -m "Manifests synthesized from $source")
git push --force --quiet "$remote" "$commit:refs/heads/$branch"
echo "published $# file(s) to $branch ($commit)"
