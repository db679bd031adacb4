# Source after lib.sh. crd_files prints the path of every CRD file listed in crds.tsv, inside the
# module cache, downloading each module at its pinned version first.
crd_files() {
  local tsv="$1" component module version files dir f
  while IFS=$'\t' read -r component module version files; do
    case "$component" in ''|'#'*) continue ;; esac
    dir="$(go_mod_dir "$module@$version")" || return 1
    for f in $files; do
      [ -f "$dir/$f" ] || { conformance_log "$module@$version ships no $f"; return 1; }
      printf '%s\n' "$dir/$f"
    done
  done <"$tsv"
}
