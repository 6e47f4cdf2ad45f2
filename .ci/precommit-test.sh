#!/usr/bin/env bash
# End-to-end test of .pre-commit-hooks.yaml with the real pre-commit from
# PyPI: in a temporary git repository holding drafts and a citelint.toml,
# `pre-commit try-repo <this checkout> citelint --files …` must fail on a bad
# draft and pass on a clean one (plus files the config does not select).
#
# pre-commit builds the hook with `cargo install --path` (language: rust).
# That build uses an unoptimised release profile and a target directory under
# target/ so that it is quick and, on a machine that ran it before,
# incremental. Needs python3 (venv), git, cargo, and PyPI and crates.io.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "-- installing pre-commit into a virtualenv"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check pre-commit
pre_commit="$work/venv/bin/pre-commit"
"$pre_commit" --version

export PRE_COMMIT_HOME="$work/pre-commit-home"
export CARGO_TARGET_DIR="$repo/target/pre-commit-hook"
export CARGO_PROFILE_RELEASE_OPT_LEVEL=0
export CARGO_PROFILE_RELEASE_LTO=false
export CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16
export CARGO_PROFILE_RELEASE_DEBUG=false
export CARGO_TERM_COLOR=never

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
