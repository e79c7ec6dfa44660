#!/bin/sh
# Checks one downloaded file against its line in downloads.sha256 (next to this script) and fails
# the image build when the line is missing or the checksum differs.
set -eu
file="$1"
list="$(dirname "$0")/downloads.sha256"
expected=$(awk -v name="$file" '$1 !~ /^#/ && $2 == name { print $1 }' "$list")
if [ -z "$expected" ]; then
  echo "no checksum for $file in image/downloads.sha256: add the line '<sha256>  $file' (see README.md)" >&2
  exit 1
fi
echo "$expected  $file" | sha256sum -c -
