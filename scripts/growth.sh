#!/usr/bin/env bash
# Growth check for hostile inputs (issue 12): runs each pathological draft at
# three sizes, each doubling or quadrupling the last, and prints CPU seconds
# and peak RSS per size, so super-linear growth shows at a glance (linear:
# the time grows by the size factor; quadratic: by its square).
#
#   scripts/growth.sh                  # release build, human and json output
#   FORMATS="human json sarif" scripts/growth.sh
#   CITELINT=target/debug/citelint scripts/growth.sh
#   scripts/growth.sh nbsp yaml        # only these inputs
#
# Not a test: it asserts nothing and its numbers depend on the machine.
# Needs python3 and GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -z "${CITELINT:-}" ]]; then
    cargo build --release --quiet
    CITELINT=target/release/citelint
fi
FORMATS=${FORMATS:-"human json"}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

SOURCES='\n\n## Sources\n\n1. A https://example.org/a\n'

# name, three sizes, and a python expression of n printing the draft.
INPUTS=(
    "labels|70000 140000 280000|'Claim [1]'+' '*n+'[1].$SOURCES'"
    "group|4000 8000 16000|'Claim '+'[1] '*n+'.$SOURCES'"
    "group900|5000 10000 20000|'Claim '+''.join('[%d] ' % (i % 900 + 1) for i in range(n))+'.\n\n## Sources\n\n'+''.join('%d. S https://example.org/%d\n' % (i, i) for i in range(1, 901))"
    "ids|25000 50000 100000|'Claim '+' '.join('[%d]' % (i + 1) for i in range(n))+'.$SOURCES'"
    "numbers|10000 20000 40000|'Claim '+' '.join(['12345']*n)+'.'"
    "years|5000 10000 20000|'In 2020, '+' '.join(['12 troops in 2021']*n)+'.'"
    "above|10000 20000 40000|'Incomes above '+' above '.join(['12']*n)+'.'"
    "nbsp|40000 160000 640000|'Café. '+'\u00a0'*n+'end'"
    "quotes|40000 160000 640000|'Café. '+'\u201d'*n+' end'"
    "random|32768 131072 524288|__import__('random').Random(7).randbytes(n).replace(b'\0', b' ').decode('latin-1')"
    "yaml|10000 40000 160000|'---\nsources: '+'['*n+']'*n+'\n---\nText [1].'"
    "utf16|100000 400000 1600000|None"
)

make_input() { # name expr n file
    local name=$1 expr=$2 n=$3 file=$4
    if [[ $name == utf16 ]]; then
        python3 -c "import sys; sys.stdout.buffer.write(('Claim [1] x. '*($n//13)+'$SOURCES').encode('utf-16'))" >"$file"
    elif [[ $name == random ]]; then
        python3 -c "import sys; n=$n; sys.stdout.buffer.write(($expr).encode('latin-1'))" >"$file"
    else
        python3 -c "import sys; n=$n; sys.stdout.write($expr)" >"$file"
    fi
}

printf '%-9s %-7s %9s %9s %7s %5s %11s\n' input format size cpu_s rss_MB exit out_bytes
for entry in "${INPUTS[@]}"; do
    IFS='|' read -r name sizes expr <<<"$entry"
    if [[ $# -gt 0 && ! " $* " =~ " $name " ]]; then
        continue
    fi
    for n in $sizes; do
        file="$WORK/$name-$n.md"
        make_input "$name" "$expr" "$n" "$file"
        for fmt in $FORMATS; do
            set +e
            /usr/bin/time -f '%U %S %M' -o "$WORK/time" \
                "$CITELINT" check --isolated --color never --format "$fmt" "$file" >"$WORK/out" 2>"$WORK/err"
            code=$?
            set -e
            # GNU time puts "Command exited with non-zero status" first.
            read -r user sys rss < <(tail -n 1 "$WORK/time")
            awk -v name="$name" -v fmt="$fmt" -v size="$(stat -c %s "$file")" -v u="$user" -v s="$sys" \
                -v rss="$rss" -v code="$code" -v out="$(stat -c %s "$WORK/out")" \
                'BEGIN { printf "%-9s %-7s %9d %9.2f %7.1f %5s %11d\n", name, fmt, size, u + s, rss / 1024, code, out }'
        done
    done
done
