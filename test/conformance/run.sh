#!/usr/bin/env bash
# `npm run conformance`: runs every suite test/conformance/*/run.sh in alphabetical order, each in
# its own process, and fails if any fails (after running the rest).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
failed=()
ran=0
for suite in "$here"/*/run.sh; do
  [ -f "$suite" ] || continue
  name="$(basename "$(dirname "$suite")")"
  echo "== conformance suite: $name" >&2
  start=$SECONDS
  if bash "$suite"; then
    echo "== $name passed in $((SECONDS - start))s" >&2
  else
    echo "== $name FAILED after $((SECONDS - start))s" >&2
    failed+=("$name")
  fi
  ran=$((ran + 1))
done
[ "$ran" -gt 0 ] || { echo "no conformance suite found under $here" >&2; exit 1; }
if [ "${#failed[@]}" -gt 0 ]; then
  echo "conformance: ${#failed[@]} of $ran suites failed: ${failed[*]}" >&2
  exit 1
fi
echo "conformance: $ran suites passed" >&2
