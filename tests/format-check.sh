#!/usr/bin/env bash
# clang-format check (the root .clang-format, Debian 12's clang-format 14) of every C++ file that
# changed since tests/format-baseline.txt was written.
#
# "Changed" has to mean something on a fresh clone in CI, where no branch point is known. The
# baseline lists each file that was not clang-format clean when it was written, with the git
# blob hash of its content then. A file is checked unless it is in the baseline with that exact
# content: new files and every edit of an old one must be formatted, while untouched old files
# are not reformatted for nothing (that would bury real changes under whitespace in reviews).
#
#   bash tests/format-check.sh                    # check; exit 1 and list the files to format
#   bash tests/format-check.sh --update-baseline  # after formatting old files, or on a new main
set -euo pipefail
cd "$(dirname "$0")/.."
baseline=tests/format-baseline.txt
clang_format=${CLANG_FORMAT:-clang-format}

mapfile -t files < <(git ls-files -- '*.cpp' '*.h')

is_formatted() { "$clang_format" --dry-run --Werror "$1" >/dev/null 2>&1; }

if [[ ${1:-} == --update-baseline ]]; then
    {
        echo "# Written by tests/format-check.sh --update-baseline: files not clang-format clean"
        echo "# then, with the git blob hash of their content. Editing one takes it off this list."
        for file in "${files[@]}"; do
            is_formatted "$file" || echo "$(git hash-object -- "$file") $file"
        done
    } >"$baseline"
    echo "format-check: $(grep -vc '^#' "$baseline") file(s) in $baseline"
    exit 0
fi

declare -A unchanged=()
if [[ -f $baseline ]]; then
    while read -r blob file; do
        [[ $blob == \#* || -z $blob ]] && continue
        unchanged["$file"]=$blob
    done <"$baseline"
fi

"$clang_format" --version
# One git and one clang-format process for all files: this runs in every CI.
mapfile -t blobs < <(git hash-object -- "${files[@]}")
candidates=()
for i in "${!files[@]}"; do
    [[ ${unchanged[${files[$i]}]:-} == "${blobs[$i]}" ]] || candidates+=("${files[$i]}")
done
mapfile -t bad < <("$clang_format" --dry-run --Werror "${candidates[@]}" 2>&1 |
    sed -n 's/^\([^:]*\):[0-9]*:[0-9]*: error: .*clang-format-violations.*/\1/p' | sort -u)

echo "format-check: ${#candidates[@]} file(s) checked (all but ${#unchanged[@]} unchanged ones in" \
    "$baseline), ${#bad[@]} not formatted"
if ((${#bad[@]})); then
    printf '  %s\n' "${bad[@]}"
    echo "Fix with: clang-format -i ${bad[*]}" >&2
    exit 1
fi
