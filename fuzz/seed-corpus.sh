#!/usr/bin/env bash
# Fills fuzz/corpus/content/ with the real content files as seeds: the shipped topics,
# diagrams, price book and templates, and every fixture (valid and invalid).
set -euo pipefail
cd "$(dirname "$0")/.."
out=fuzz/corpus/content
mkdir -p "$out"
for f in content/*.toml content/topics/*.toml content/diagrams/*.toml tests/fixtures/*/*.toml \
  tests/fixtures/*/topics/*.toml tests/fixtures/invalid/*/*.toml tests/fixtures/invalid/*/*/*.toml; do
  [ -f "$f" ] && cp "$f" "$out/$(echo "$f" | tr '/' '_')"
done
echo "$(ls "$out" | wc -l) seeds in $out"
