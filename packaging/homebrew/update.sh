#!/usr/bin/env bash
# Points the Homebrew formula at a release: its version, the source tarball's url and sha256 (the
# Linux build and macOS's `source` resource), and the url and sha256 of each darwin binary
# (on_arm: darwin-arm64, on_intel: darwin-amd64) as the release's SHA256SUMS lists them.
#
#   packaging/homebrew/update.sh RELEASE_URL TARBALL SHA256SUMS [FORMULA]
#
# RELEASE_URL is where the release's files are downloaded from (a directory: the tarball and the
# binaries are RELEASE_URL/NAME); TARBALL the local copy of the source tarball
# (git archive --prefix=virtctl-VERSION/ vVERSION, named virtctl-VERSION.tar.gz); SHA256SUMS the
# one packaging/release.sh writes, with the darwin binaries in it (built on a Mac: README, "Other
# platforms"). FORMULA defaults to packaging/homebrew/virtctl.rb.
set -euo pipefail
usage="usage: update.sh RELEASE_URL TARBALL SHA256SUMS [FORMULA]"
release_url=${1:?$usage}
tarball=${2:?$usage}
sums=${3:?$usage}
formula=${4:-$(dirname "$0")/virtctl.rb}
release_url=${release_url%/}
tarball_name=$(basename "$tarball")
version=$(sed -n 's/^virtctl-\(.*\)\.tar\.gz$/\1/p' <<<"$tarball_name")
[ -n "$version" ] || { echo "update.sh: $tarball_name is not named virtctl-VERSION.tar.gz" >&2; exit 1; }
tarball_sha=$(sha256sum "$tarball" | cut -d' ' -f1)

# The sha256 SHA256SUMS gives a release file.
sum_of() {
  local sha
  sha=$(awk -v name="$1" '$2 == name || $2 == "*" name { print $1 }' "$sums")
  [ -n "$sha" ] || { echo "update.sh: $sums has no $1" >&2; exit 1; }
  echo "$sha"
}
arm_name=virtctl-v$version-darwin-arm64
intel_name=virtctl-v$version-darwin-amd64
arm_sha=$(sum_of "$arm_name")
intel_sha=$(sum_of "$intel_name")

# Each url line is recognised by what it downloads (a darwin binary or the tarball) and rewritten
# with the sha256 line that follows it.
awk -v version="$version" -v base="$release_url" -v tarball="$tarball_name" -v tarball_sha="$tarball_sha" \
  -v arm="$arm_name" -v arm_sha="$arm_sha" -v intel="$intel_name" -v intel_sha="$intel_sha" '
  /^ *version "/ { sub(/"[^"]*"/, "\"" version "\"") }
  /^ *url "/ {
    if ($0 ~ /-darwin-arm64"/) { name = arm; sha = arm_sha }
    else if ($0 ~ /-darwin-amd64"/) { name = intel; sha = intel_sha }
    else if ($0 ~ /\.tar\.gz"/) { name = tarball; sha = tarball_sha }
    else { print "update.sh: a url of unknown kind: " $0 > "/dev/stderr"; failed = 1 }
    sub(/"[^"]*"/, "\"" base "/" name "\"")
    pending = sha
  }
  /^ *sha256 "/ && pending != "" { sub(/"[0-9a-f]*"/, "\"" pending "\""); pending = ""; rewritten++ }
  { print }
  END { if (failed || rewritten != 4) { print "update.sh: expected 4 url/sha256 pairs, rewrote " rewritten + 0 > "/dev/stderr"; exit 1 } }
' "$formula" >"$formula.new" || { rm -f "$formula.new"; exit 1; }
mv "$formula.new" "$formula"
