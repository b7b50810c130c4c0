#!/usr/bin/env bash
# Every ```cpp block of the given Markdown files must appear verbatim in one of
# the compiled source files, so the docs show only code the tests compile.
#   check_doc_snippets.sh "doc.md..." source...
set -euo pipefail
docs=($1); shift
haystack=""
for f in "$@"; do haystack+=$(cat "$f"); haystack+=$'\n'; done
failed=0 blocks=0
for doc in "${docs[@]}"; do
  block="" inside=0 line_no=0 start=0
  while IFS= read -r line || [ -n "$line" ]; do
    line_no=$((line_no + 1))
    if [ $inside -eq 0 ] && [ "$line" = '```cpp' ]; then inside=1 block="" start=$line_no; continue; fi
    if [ $inside -eq 1 ] && [ "$line" = '```' ]; then
      inside=0 blocks=$((blocks + 1))
      if [[ "$haystack" != *"$block"* ]]; then
        echo "$doc:$start: code block not found in the compiled sources" >&2
        failed=1
      fi
      continue
    fi
    if [ $inside -eq 1 ]; then block+="$line"$'\n'; fi
  done < "$doc"
done
echo "$blocks code blocks checked"
[ "$blocks" -gt 0 ] && exit $failed
