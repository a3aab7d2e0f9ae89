#!/usr/bin/env bash
# Points the Homebrew formula at a release tarball: rewrites its url and sha256.
#
#   packaging/homebrew/update.sh URL TARBALL [FORMULA]
#
# TARBALL is the local copy of what URL serves (git archive --prefix=virtctl-VERSION/ vVERSION);
# FORMULA defaults to packaging/homebrew/virtctl.rb.
set -euo pipefail
url=${1:?usage: update.sh URL TARBALL [FORMULA]}
tarball=${2:?usage: update.sh URL TARBALL [FORMULA]}
formula=${3:-$(dirname "$0")/virtctl.rb}
sha=$(sha256sum "$tarball" | cut -d' ' -f1)
sed -i -E \
  -e "s|^(  url )\".*\"$|\\1\"$url\"|" \
  -e "s|^(  sha256 )\"[0-9a-f]*\"$|\\1\"$sha\"|" \
  "$formula"
grep -q "\"$sha\"" "$formula" || { echo "sha256 not updated in $formula" >&2; exit 1; }
