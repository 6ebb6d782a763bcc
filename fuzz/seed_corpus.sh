#!/usr/bin/env bash
# Builds the seed corpus for the `parse_schema` fuzz target in fuzz/corpus/parse_schema/
# (gitignored): chunks of a few lines from every schema file, plus a few whole small files.
#
# Sources: schema/*.tl (the repository's schemas) and, if present,
# $SHARED_SCHEMA (default: ../shared/schema beside the checkout)/**/*.tl.
#
# Usage: fuzz/seed_corpus.sh            (from anywhere; re-running is idempotent)
#        CHUNK_LINES=5 MAX_CHUNKS=300 fuzz/seed_corpus.sh
set -euo pipefail

fuzz_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$fuzz_dir")"
out="$fuzz_dir/corpus/parse_schema"
shared="${SHARED_SCHEMA:-$root/../shared/schema}"
chunk_lines="${CHUNK_LINES:-4}"     # lines per chunk
max_chunks="${MAX_CHUNKS:-200}"     # chunks kept per file (spread over the whole file)
whole_max_bytes="${WHOLE_MAX_BYTES:-8192}" # files up to this size are also copied whole

mkdir -p "$out"

files=()
for f in "$root"/schema/*.tl; do
    [[ -f "$f" ]] && files+=("$f")
done
if [[ -d "$shared" ]]; then
    while IFS= read -r -d '' f; do
        files+=("$f")
    done < <(find "$shared" -type f -name '*.tl' -print0 | sort -z)
fi
if [[ ${#files[@]} -eq 0 ]]; then
    echo "no .tl files found" >&2
    exit 1
fi

# Writes stdin to the corpus under its content hash, so duplicates collapse.
add() {
    local tmp
    tmp="$(mktemp)"
    cat >"$tmp"
    if [[ -s "$tmp" ]]; then
        mv "$tmp" "$out/$(sha1sum "$tmp" | cut -c1-40)"
    else
        rm -f "$tmp"
    fi
}

for f in "${files[@]}"; do
    lines=$(wc -l <"$f")
    bytes=$(wc -c <"$f")
    # Whole small files (mtproto.tl and the like).
    if ((bytes <= whole_max_bytes)); then
        add <"$f"
    fi
    # Chunks of `chunk_lines` lines, at a stride that spreads `max_chunks` over the file.
    chunks=$(((lines + chunk_lines - 1) / chunk_lines))
    stride=$(((chunks + max_chunks - 1) / max_chunks))
    ((stride < 1)) && stride=1
    awk -v n="$chunk_lines" -v stride="$stride" -v dir="$out" '
        { buf = buf $0 "\n"; count++ }
        count == n {
            if (chunk % stride == 0) { file = dir "/.chunk." chunk; printf "%s", buf > file; close(file) }
            chunk++; buf = ""; count = 0
        }
        END {
            if (count > 0 && chunk % stride == 0) { file = dir "/.chunk." chunk; printf "%s", buf > file; close(file) }
        }' "$f"
    for c in "$out"/.chunk.*; do
        [[ -e "$c" ]] || continue
        add <"$c"
        rm -f "$c"
    done
    # The section switch and a few definitions right after it.
    if grep -q -- '---functions---' "$f"; then
        grep -n -A3 -- '---functions---' "$f" | head -4 | sed 's/^[0-9]*[:-]//' | add
    fi
done

echo "$(find "$out" -type f | wc -l) files in $out"
