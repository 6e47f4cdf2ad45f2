#!/usr/bin/env bash
# End-to-end benchmark: citelint against ripgrep's raw scan on generated corpora.
#
# Usage: scripts/bench.sh [--quick] [CORPUS_DIR]
#
#   --quick      1,000 and 10,000 drafts instead of 10,000 and 100,000
#   CORPUS_DIR   where corpora live (default: $BENCH_DIR, else target/bench-corpus);
#                one subdirectory per size, reused when its .gencorpus stamp
#                matches (same generator version, size and seed)
#
# Environment: BENCH_SEED (default 1), BENCH_RUNS (runs per corpus command;
# default 5 below 50,000 drafts, else 3), BENCH_GROWTH=0 to skip the growth
# table.
#
# For each size it times, in one hyperfine invocation (or an alternating loop
# when hyperfine is missing):
#   rg -c '\[[0-9]+\]' DIR                    the raw-scan floor
#   citelint check --format json DIR          every rule, the numbers pass included
# then the single-file pre-commit case `citelint check FILE` (hyperfine -N),
# and peak RSS of the full check with /usr/bin/time -v. rg and citelint both
# run with their default thread counts (one worker per core). Last, the
# hostile inputs of scripts/growth.sh, each at three sizes, with CPU time and
# peak RSS per size: super-linear growth shows as time growing faster than
# the size.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD

quick=0
dir=${BENCH_DIR:-}
while (($#)); do
    case $1 in
        --quick) quick=1 ;;
        -h | --help)
            sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'
            exit 0
            ;;
        -*)
            echo "bench.sh: unknown option $1" >&2
            exit 2
            ;;
        *) dir=$1 ;;
    esac
    shift
done
dir=${dir:-$ROOT/target/bench-corpus}
seed=${BENCH_SEED:-1}
if ((quick)); then sizes=(1000 10000); else sizes=(10000 100000); fi

for tool in rg awk; do
    command -v "$tool" >/dev/null || {
        echo "bench.sh: $tool is required" >&2
        exit 2
    }
done
have_hyperfine=0
command -v hyperfine >/dev/null && have_hyperfine=1
have_time=0
[[ -x /usr/bin/time ]] && have_time=1

echo "== building (release)"
cargo build --release --quiet --bin citelint --example gencorpus
CITELINT=$ROOT/target/release/citelint
GEN=$ROOT/target/release/examples/gencorpus
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

now_ns() { date +%s%N; }

# run_once NAME CMD...: runs CMD once (output discarded, failures ignored)
# and adds its wall time to total_ns[NAME].
declare -A total_ns
run_once() {
    local name=$1
    shift
    local t0 t1
    t0=$(now_ns)
    "$@" >/dev/null 2>&1 || true
    t1=$(now_ns)
    total_ns[$name]=$((${total_ns[$name]:-0} + t1 - t0))
}

declare -A per_file_us
summary=()

for n in "${sizes[@]}"; do
    corpus=$dir/$n
    want=$("$GEN" --files "$n" --seed "$seed" --print-stamp)
    if [[ -f $corpus/.gencorpus && "$(cat "$corpus/.gencorpus")" == "$want" ]]; then
        echo "== reusing $corpus"
    else
        echo "== generating $n drafts in $corpus"
        rm -rf "$corpus"
        "$GEN" --files "$n" --seed "$seed" "$corpus"
    fi
    drafts=$(find "$corpus" -type f \( -name '*.md' -o -name '*.txt' \) | wc -l)
    bytes=$(find "$corpus" -type f \( -name '*.md' -o -name '*.txt' -o -name '*.sources.toml' \) -printf '%s\n' |
        awk '{s += $1} END {print s}')
    # A file in a leaf directory, for the pre-commit case: the first Markdown draft.
    single=$corpus/$(awk -F'\t' 'NR > 1 && $1 ~ /\.md$/ {print $1; exit}' "$corpus/manifest.tsv")

    # Both tools must see the whole corpus (.gitignore rules of the checkout
    # must not hide it).
    checked=$("$CITELINT" check --quiet "$corpus" 2>/dev/null | awk '/files? checked/ {print $1}' || true)
    rg_files=$(rg --files "$corpus" -g '*.md' -g '*.txt' | wc -l)
    if [[ $checked != "$drafts" || $rg_files != "$drafts" ]]; then
        echo "bench.sh: $drafts drafts on disk but citelint checked '$checked' and rg sees $rg_files" >&2
        exit 1
    fi
    runs=${BENCH_RUNS:-$((n < 50000 ? 5 : 3))}
    echo "== $n drafts, $(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 1e6}') MB, $runs runs each, $(nproc) cores"

    rg_cmd=(rg -c '\[[0-9]+\]' "$corpus")
    cl_cmd=("$CITELINT" check --format json "$corpus")
    one_cmd=("$CITELINT" check "$single")
    if ((have_hyperfine)); then
        # -N: no intermediate shell (output goes to /dev/null anyway); -i:
        # citelint exits 1 because the corpus has findings.
        hyperfine -N -i --style basic --warmup 1 --runs "$runs" --export-csv "$tmp/corpus.csv" \
            -n rg "rg -c '\\[[0-9]+\\]' '$corpus'" \
            -n citelint "'$CITELINT' check --format json '$corpus'"
        hyperfine -N -i --style basic --warmup 5 --export-csv "$tmp/single.csv" \
            -n single "'$CITELINT' check '$single'"
        # CSV columns: command,mean,stddev,median,user,system,min,max (seconds).
        rg_s=$(awk -F, '$1 == "rg" {print $2}' "$tmp/corpus.csv")
        cl_s=$(awk -F, '$1 == "citelint" {print $2}' "$tmp/corpus.csv")
        one_s=$(awk -F, '$1 == "single" {print $2}' "$tmp/single.csv")
    else
        echo "(hyperfine not found: alternating loop with date +%s%N)"
        total_ns=()
        run_once warm "${rg_cmd[@]}"
        run_once warm "${cl_cmd[@]}"
        for ((r = 0; r < runs; r++)); do
            run_once rg "${rg_cmd[@]}"
            run_once citelint "${cl_cmd[@]}"
        done
        for ((r = 0; r < 20; r++)); do run_once single "${one_cmd[@]}"; done
        rg_s=$(awk -v t="${total_ns[rg]}" -v r="$runs" 'BEGIN {print t / r / 1e9}')
        cl_s=$(awk -v t="${total_ns[citelint]}" -v r="$runs" 'BEGIN {print t / r / 1e9}')
        one_s=$(awk -v t="${total_ns[single]}" 'BEGIN {print t / 20 / 1e9}')
    fi

    rss=n/a
    if ((have_time)); then
        /usr/bin/time -v -o "$tmp/time.txt" "${cl_cmd[@]}" >/dev/null 2>&1 || true
        rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f MB", $2 / 1024}' "$tmp/time.txt")
    fi

    line=$(awk -v n="$drafts" -v b="$bytes" -v rg="$rg_s" -v cl="$cl_s" -v one="$one_s" -v rss="$rss" 'BEGIN {
        printf "%7d drafts %7.1f MB | rg %7.3f s | citelint %7.3f s  %8.0f files/s %6.1f MB/s  %5.1fx rg | %6.0f us/file | single file %6.2f ms | peak RSS %s",
            n, b / 1e6, rg, cl, n / cl, b / 1e6 / cl, cl / rg, cl / n * 1e6, one * 1e3, rss
    }')
    per_file_us[$n]=$(awk -v n="$drafts" -v cl="$cl_s" 'BEGIN {print cl / n * 1e6}')
    summary+=("$line")
    echo "$line"
done

echo
echo "== summary (rg and citelint at default thread counts: $(nproc) cores)"
printf '%s\n' "${summary[@]}"
small=${sizes[0]}
large=${sizes[1]}
awk -v a="${per_file_us[$small]}" -v b="${per_file_us[$large]}" -v s="$small" -v l="$large" 'BEGIN {
    printf "scaling: %.1f us/file at %d, %.1f us/file at %d (x%.2f per file for %dx the drafts)\n", a, s, b, l, b / a, l / s
}'

if [[ ${BENCH_GROWTH:-1} != 0 ]]; then
    echo
    echo "== growth on hostile inputs (scripts/growth.sh): linear if cpu_s grows like size"
    CITELINT=$CITELINT "$ROOT/scripts/growth.sh"
fi
