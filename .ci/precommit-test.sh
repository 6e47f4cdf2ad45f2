#!/usr/bin/env bash
# End-to-end tests of how citelint is shipped, with the real tools from PyPI
# (pre-commit, maturin, check-jsonschema in a virtualenv under target/):
#
# 1. .github/workflows/release.yml and action.yml against the workflow and
#    action schemas (check-jsonschema's bundled copies; no network).
# 2. The citelint-cli wheel (wheel/pyproject.toml, maturin bindings = "bin")
#    is built, installed into a fresh virtualenv and run on fixtures/ with
#    cargo hidden from PATH.
# 3. The python hook (`citelint-wheel`): in a newsroom repository set up with
#    `citelint init`, the real pre-commit installs the hook from the local
#    wheel (no index, no cargo on PATH) and a real `git commit` of a draft
#    that contradicts an unstaged archive draft fails; the hook run is timed.
# 4. The rust hook (`citelint`) with `pre-commit try-repo`: fails on a bad
#    draft, passes on clean ones (plus files the config does not select),
#    and compares with the corpus the config names.
#
# Builds use an unoptimised release profile and one target directory under
# target/, so that the wheel, the rust hook and a rerun share one quick,
# incremental build. Needs python3 (venv), git, cargo, and PyPI and crates.io.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

tools="$repo/target/ci-tools"
if ! "$tools/bin/python" -c 'import pre_commit, maturin, check_jsonschema' 2>/dev/null; then
  echo "-- installing pre-commit, maturin and check-jsonschema into $tools"
  rm -rf "$tools"
  python3 -m venv "$tools"
  "$tools/bin/pip" install --quiet --disable-pip-version-check pre-commit 'maturin>=1.5,<2' check-jsonschema
fi
pre_commit="$tools/bin/pre-commit"
"$pre_commit" --version

export PRE_COMMIT_HOME="$work/pre-commit-home"
export CARGO_TARGET_DIR="$repo/target/pre-commit-hook"
export CARGO_PROFILE_RELEASE_OPT_LEVEL=0
export CARGO_PROFILE_RELEASE_LTO=false
export CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16
export CARGO_PROFILE_RELEASE_DEBUG=false
export CARGO_TERM_COLOR=never
gitc() { git -c user.name=ci -c user.email=ci@example.org -c commit.gpgsign=false -c init.defaultBranch=main "$@"; }

echo "-- release workflow and action: schema validation"
"$tools/bin/check-jsonschema" --builtin-schema vendor.github-workflows "$repo/.github/workflows/release.yml"
"$tools/bin/check-jsonschema" --builtin-schema vendor.github-actions "$repo/action.yml"

echo "-- building the citelint-cli wheel (maturin)"
if ! (cd "$repo/wheel" && "$tools/bin/maturin" build --release --locked --out "$work/wheels") > "$work/maturin.txt" 2>&1; then
  cat "$work/maturin.txt"
  echo "FAIL: maturin could not build the wheel" >&2
  exit 1
fi
wheel=$(ls "$work"/wheels/citelint_cli-*.whl)
echo "built $(basename "$wheel")"

# PATH without any directory that holds cargo or rustc.
no_cargo_path() {
  local out="" d
  local -a dirs
  IFS=: read -r -a dirs <<< "$PATH"
  for d in "${dirs[@]}"; do
    if [ -e "$d/cargo" ] || [ -e "$d/rustc" ]; then continue; fi
    out="${out:+$out:}$d"
  done
  echo "$out"
}

echo "-- the wheel in a fresh virtualenv, cargo hidden"
python3 -m venv "$work/wheel-venv"
"$work/wheel-venv/bin/pip" install --quiet --disable-pip-version-check --no-index "$wheel"
nocargo="$work/wheel-venv/bin:$(no_cargo_path)"
if PATH="$nocargo" command -v cargo > /dev/null; then
  echo "FAIL: cargo is still on the PATH meant to hide it" >&2
  exit 1
fi
status=0
(cd "$repo" && PATH="$nocargo" citelint check --color never fixtures/) > "$work/out.txt" 2>&1 || status=$?
if [ "$status" != 1 ] || ! grep -q "files checked:" "$work/out.txt"; then
  tail -n 20 "$work/out.txt"
  echo "FAIL: the installed wheel's citelint check fixtures/ exited $status (1 expected: the rule fixtures carry defects)" >&2
  exit 1
fi
tail -n 1 "$work/out.txt"
(cd "$repo" && PATH="$nocargo" citelint check --quiet fixtures/clean)

echo "-- python hook (citelint-wheel): a newsroom repository set up with citelint init"
# The hook repository: pre-commit installs it with `pip install .`, which
# needs only these two files; pip finds the wheel (and the shim's build
# backend) in a local directory, with no index.
hooks="$work/hook-repo"
mkdir -p "$hooks"
cp "$repo/.pre-commit-hooks.yaml" "$repo/pyproject.toml" "$hooks/"
(cd "$hooks" && gitc init --quiet && gitc add -A && gitc commit --quiet -m hooks)
"$tools/bin/pip" download --quiet --disable-pip-version-check --dest "$work/wheels" hatchling
export PIP_FIND_LINKS="$work/wheels" PIP_NO_INDEX=1

news="$work/news"
mkdir -p "$news/drafts/archive"
cd "$news"
gitc init --quiet
cat > drafts/archive/troops.md <<'MD'
US troops in Kosovo

Checked on November 26, 2025

The U.S. has 600 troops in Kosovo [1].

## Sources

1. Ministry figures. https://example.org/figures
MD
cat > drafts/archive/bridge.md <<'MD'
Bridge repairs in Lurin

Checked on October 2, 2025

The bridge reopened in September [1].

## Sources

1. Council notice. https://example.org/council
MD
gitc add -A && gitc commit --quiet -m archive
PATH="$nocargo" citelint init | tee "$work/init.txt"
grep -q '^corpus = \["drafts/\*\*/\*\.{md,markdown,txt}"\]' citelint.toml
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $hooks
    rev: $(git -C "$hooks" rev-parse HEAD)
    hooks:
      - id: citelint-wheel
YAML
gitc add -A && gitc commit --quiet -m "citelint config"
start=$(date +%s%N)
PATH="$nocargo" "$pre_commit" install --install-hooks > "$work/install.txt" 2>&1 || { cat "$work/install.txt"; exit 1; }
echo "hook installed in $(( ($(date +%s%N) - start) / 1000000 )) ms (no compiler on PATH)"
sed 's/ 600 / 1,200 /; s/November 26/November 28/' drafts/archive/troops.md > drafts/troops-update.md
gitc add drafts/troops-update.md
start=$(date +%s%N)
if PATH="$nocargo" gitc commit -m "troops update" > "$work/out.txt" 2>&1; then
  cat "$work/out.txt"
  echo "FAIL: the commit of a draft contradicting the archive went through" >&2
  exit 1
fi
ms=$(( ($(date +%s%N) - start) / 1000000 ))
if ! grep -q "NUM001" "$work/out.txt" || ! grep -q "drafts/archive/troops.md" "$work/out.txt"; then
  cat "$work/out.txt"
  echo "FAIL: the hook failed, but not with a NUM001 against drafts/archive/troops.md" >&2
  exit 1
fi
grep -E "NUM001|files? checked" "$work/out.txt" || true
echo "python hook run: $ms ms"
if [ "$ms" -ge 10000 ]; then
  echo "FAIL: the python hook took $ms ms (10 s at most)" >&2
  exit 1
fi
sed -i 's/ 1,200 / 600 /' drafts/troops-update.md
gitc add drafts/troops-update.md
PATH="$nocargo" gitc commit --quiet -m "troops update" > "$work/out.txt" 2>&1 || { cat "$work/out.txt"; echo "FAIL: a consistent draft was refused" >&2; exit 1; }
unset PIP_FIND_LINKS PIP_NO_INDEX

echo "-- rust hook (citelint) with pre-commit try-repo"
project="$work/project"
mkdir -p "$project/drafts"
cd "$project"
git init --quiet
cat > citelint.toml <<'TOML'
fail-on = "error"

[rules]
SRC002 = "off"
TOML
cat > drafts/bad.md <<'MD'
# Fact check: Did the tram line open on time?

The tram line opened in May [1], two months late [4].

## Sources

1. Transit authority notice. https://example.org/transit/notice
MD
cat > drafts/clean.md <<'MD'
# Fact check: Did the tram line open on time?

The tram line opened in May [1], two months late [2].

## Sources

1. Transit authority notice. https://example.org/transit/notice
2. Council timetable report. https://example.org/council/timetable
MD
# A plain-text draft whose sources are in a sidecar file.
cat > drafts/fares.txt <<'TXT'
Fact check: Tram fares
Fares stay at two euros [1].
TXT
cat > drafts/fares.sources.toml <<'TOML'
[[sources]]
id = 1
title = "Fare table"
url = "https://example.org/transit/fares"
TOML
# Text files that are not drafts: pre-commit passes them (types_or: text);
# the hook's --force-exclude must skip them, and the sidecar above too.
printf 'items[3] = 1\n' > notes.py
git add -A

run_hook() {
  "$pre_commit" try-repo "$repo" citelint --verbose --color never --files "$@" > "$work/out.txt" 2>&1
}

echo "-- a bad draft must fail the hook"
if run_hook drafts/bad.md; then
  cat "$work/out.txt"
  echo "FAIL: pre-commit passed on a draft with an undefined marker" >&2
  exit 1
fi
if ! grep -q "CIT001" "$work/out.txt"; then
  cat "$work/out.txt"
  echo "FAIL: the hook failed, but not with citelint's CIT001 finding" >&2
  exit 1
fi
grep -E "error\[CIT001\]|files? checked" "$work/out.txt" || true

echo "-- clean drafts (and files that are not drafts) must pass"
if ! run_hook drafts/clean.md drafts/fares.txt drafts/fares.sources.toml notes.py citelint.toml; then
  cat "$work/out.txt"
  echo "FAIL: pre-commit failed on clean drafts" >&2
  exit 1
fi
grep -E "files? checked" "$work/out.txt"

echo "-- corpus: a staged draft that contradicts an unstaged archive draft must fail"
mkdir -p archive
cat > archive/troops.md <<'MD'
US troops in Kosovo

Checked on November 26, 2025

The U.S. has 600 troops in Kosovo [1].

## Sources

1. Ministry figures. https://example.org/figures
MD
sed 's/ 600 / 1,200 /' archive/troops.md > drafts/troops.md
git add drafts/troops.md
if ! run_hook drafts/troops.md; then
  cat "$work/out.txt"
  echo "FAIL: without a corpus the staged draft alone must pass" >&2
  exit 1
fi
# A top-level key: before the [rules] table.
{ printf 'corpus = ["archive/**", "drafts/**"]\n'; cat citelint.toml; } > citelint.toml.new
mv citelint.toml.new citelint.toml
git add citelint.toml
if run_hook drafts/troops.md; then
  cat "$work/out.txt"
  echo "FAIL: pre-commit passed on a draft that contradicts the corpus" >&2
  exit 1
fi
if ! grep -q "NUM001" "$work/out.txt" || ! grep -q "archive/troops.md" "$work/out.txt"; then
  cat "$work/out.txt"
  echo "FAIL: the hook failed, but not with a NUM001 against archive/troops.md" >&2
  exit 1
fi
grep -E "NUM001|files? checked" "$work/out.txt" || true
echo "pre-commit hook test: OK"
