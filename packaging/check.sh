#!/usr/bin/env bash
# Builds the RPM and the deb from a clean export of HEAD, with one release build shared by both,
# and checks what they contain; runs the deb's virtctl from a scratch root; runs the Homebrew
# formula's install step against the same tree. CI calls it after the tests (.ci/run).
#
#   packaging/check.sh
#
# PKG_WORK_DIR (default /tmp/virtctl-pkg) holds the export, the packages and the scratch roots;
# PKG_TARGET_DIR (default $PKG_WORK_DIR/target) the release build, reused when run again.
# Fails when the stripped binary is over the 12 MB size budget (12,000,000 bytes), or needs a
# shared library other than libc.
# Installs rpm, ruby, dpkg-dev and binutils with apt-get when they are missing (CI runs as root).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
work=${PKG_WORK_DIR:-/tmp/virtctl-pkg}
target=${PKG_TARGET_DIR:-$work/target}

step() { echo "== packaging: $*"; }
fail() { echo "packaging check failed: $*" >&2; exit 1; }

# ---- tools ------------------------------------------------------------------------------------
missing=()
command -v rpmbuild >/dev/null || missing+=(rpm)
command -v ruby >/dev/null || missing+=(ruby)
command -v dpkg-shlibdeps >/dev/null || missing+=(dpkg-dev)
command -v strip >/dev/null || missing+=(binutils)
if ((${#missing[@]})); then
  step "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# ---- a clean source tree: what a release tarball holds ------------------------------------------
version=$(awk -F'"' '/^\[package\]/ { p = 1 } p && /^version *=/ { print $2; exit }' "$repo/Cargo.toml")
commit=$(git -C "$repo" rev-parse HEAD)
name=virtctl-$version
step "exporting $commit as $name.tar.gz"
mkdir -p "$work"
rm -rf "${work:?}/$name" "$work/rpmbuild" "$work/deb" "$work/deb-root" "$work/brew-prefix" "$work/brew-mac-prefix" \
  "$work/brew-stage" "$work/brew-release"
git -C "$repo" -c tar.umask=0022 archive --format=tar.gz --prefix="$name/" -o "$work/$name.tar.gz" HEAD
tar -xzf "$work/$name.tar.gz" -C "$work"
src=$work/$name

# The same environment for every build below, so that cargo finds the first build fresh.
export VIRTCTL_GIT_COMMIT=$commit
SOURCE_DATE_EPOCH=$(git -C "$repo" log -1 --format=%ct HEAD)
export SOURCE_DATE_EPOCH
export CARGO_TARGET_DIR=$target
build_date=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ)

# ---- the one release build ------------------------------------------------------------------------
step "release build (target dir $target)"
started=$SECONDS
(cd "$src" && cargo build --release --locked --bin virtctl)
binary=$target/release/virtctl
echo "release build: $((SECONDS - started)) s, $(stat -c %s "$binary") bytes"
sections=$(readelf -S "$binary")
! grep -q '\.symtab' <<<"$sections" || fail "the release binary still has a symbol table"

# The size budget (issue 11, BENCHMARKS.md "Binary size"): the binary as `strip` leaves it, in
# bytes, 12 MB = 12,000,000 bytes (decimal megabytes, not MiB).
size_budget=12000000
strip -o "$work/virtctl.stripped" "$binary"
stripped_size=$(stat -c %s "$work/virtctl.stripped")
rm -f "$work/virtctl.stripped"
echo "stripped size: $stripped_size bytes (budget $size_budget bytes = 12 MB)"
((stripped_size <= size_budget)) ||
  fail "the stripped release binary is $stripped_size bytes, over the budget of $size_budget bytes (12 MB, decimal): $((stripped_size - size_budget)) bytes too many (see BENCHMARKS.md, \"Binary size\")"

# Start-up (issue 11, BENCHMARKS.md "Start-up: two shared libraries fewer"): the binary loads libc
# and nothing else; the unwinder (build.rs) and `pow` (src/pow.rs) are linked in.
needed=$(readelf -d "$binary" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' ')
echo "shared libraries needed: $needed"
[[ "$needed" == "libc.so.6 " ]] ||
  fail "the release binary needs $needed- not only libc.so.6: each shared library more costs start-up time (a new libm function? see src/pow.rs)"

# What every package must hold besides the binary: one man page per file in man/.
man_pages=$(cd "$src/man" && ls -- *.1 | sort)
[[ -n "$man_pages" ]] || fail "no man pages in man/"

# ---- RPM ---------------------------------------------------------------------------------------------
step "rpmbuild"
started=$SECONDS
# --nodeps: the build requirements (cargo, rust) are not RPMs here. Debian's /bin/sh is dash,
# and rpm's brp-compress (which gzips the man pages) wants bash.
(cd "$src" && rpmbuild -bb --build-in-place --nodeps --quiet \
  --define "_topdir $work/rpmbuild" \
  --define "__brp_compress /bin/bash %{_rpmconfigdir}/brp-compress %{_prefix}" \
  --define "cargo_target_dir $target" \
  --define "git_commit $commit" \
  packaging/rpm/virtctl.spec)
rpm=$(find "$work/rpmbuild/RPMS" -name "virtctl-$version-*.rpm" | head -1)
[[ -f "$rpm" ]] || fail "rpmbuild wrote no package"
echo "rpmbuild: $((SECONDS - started)) s, $rpm"

expected_rpm_files=$(
  {
    printf '%s\n' /usr/bin/kubectl-virt /usr/bin/kubectl_complete-virt /usr/bin/virtctl \
      /usr/share/bash-completion/completions/virtctl \
      /usr/share/zsh/site-functions/_virtctl \
      /usr/share/fish/vendor_completions.d/virtctl.fish \
      /usr/share/licenses/virtctl/LICENSE \
      /usr/share/doc/virtctl/README.md
    # rpm may compress man pages (brp-compress); accept either form.
    sed 's|^|/usr/share/man/man1/|' <<<"$man_pages"
  } | sort
)
# Files only (no directories); %doc and %license directories are NAME or NAME-VERSION
# depending on the distribution's rpm macros.
actual_rpm_files=$(rpm -qp --qf '[%{FILEMODES:perms} %{FILENAMES}\n]' "$rpm" | grep -v '^d' | cut -d' ' -f2 |
  sed -E -e 's/\.(gz|bz2|xz|zst)$//' -e "s#/(doc|licenses)/virtctl-$version/#/\\1/virtctl/#" | sort)
diff <(echo "$expected_rpm_files") <(echo "$actual_rpm_files") || fail "the RPM's file list differs (< expected, > actual)"
# (Each listing is captured first: grep -q closing a pipe early would fail the pipeline.)
listing=$(rpm -qlvp "$rpm")
grep -Eq '^l.* /usr/bin/kubectl-virt -> virtctl$' <<<"$listing" || fail "kubectl-virt is not a link to virtctl in the RPM"
info=$(rpm -qip "$rpm")
grep -Eq '^Name +: virtctl$' <<<"$info" || fail "RPM name: $info"
grep -Eq "^Version +: $version\$" <<<"$info" || fail "RPM version: $info"
grep -Eq '^License +: Apache-2.0$' <<<"$info" || fail "RPM license: $info"
grep -q '^Summary *: .*virtctl' <<<"$info" || fail "RPM summary: $info"

# ---- deb ---------------------------------------------------------------------------------------------
step "deb"
deb=$(cd "$src" && packaging/deb/build.sh "$binary" "$work/deb")
echo "deb: $deb"
expected_deb_files=$(
  {
    printf '%s\n' ./usr/bin/kubectl-virt ./usr/bin/kubectl_complete-virt ./usr/bin/virtctl \
      ./usr/share/bash-completion/completions/virtctl \
      ./usr/share/zsh/vendor-completions/_virtctl \
      ./usr/share/fish/vendor_completions.d/virtctl.fish \
      ./usr/share/doc/virtctl/copyright
    sed -e 's|^|./usr/share/man/man1/|' -e 's|$|.gz|' <<<"$man_pages"
  } | sort
)
actual_deb_files=$(dpkg-deb -c "$deb" | awk '!/^d/ { print $6 }' | sort)
diff <(echo "$expected_deb_files") <(echo "$actual_deb_files") || fail "the deb's file list differs (< expected, > actual)"
listing=$(dpkg-deb -c "$deb")
grep -Eq '^l.* root/root .* \./usr/bin/kubectl-virt -> virtctl$' <<<"$listing" ||
  fail "kubectl-virt is not a root-owned link to virtctl in the deb"
fields=$(dpkg-deb -f "$deb" Package Version Architecture Depends)
echo "$fields"
grep -qx "Package: virtctl" <<<"$fields" || fail "deb Package field"
grep -qx "Version: $version-1" <<<"$fields" || fail "deb Version field"
grep -q "^Depends: .*libc6" <<<"$fields" || fail "deb Depends lacks libc6"

step "deb installed into a scratch root"
dpkg -x "$deb" "$work/deb-root"
out=$("$work/deb-root/usr/bin/virtctl" version --client)
echo "$out"
grep -qF "GitVersion:\"v$version\"" <<<"$out" || fail "wrong GitVersion"
grep -qF "GitCommit:\"$commit\", GitTreeState:\"clean\"" <<<"$out" || fail "the commit is not embedded"
grep -qF "BuildDate:\"$build_date\"" <<<"$out" || fail "the build date is not SOURCE_DATE_EPOCH's"
help=$("$work/deb-root/usr/bin/kubectl-virt" --help)
grep -q "kubectl virt" <<<"$help" || fail "kubectl-virt does not act as the plugin"
[[ -x $work/deb-root/usr/bin/kubectl_complete-virt ]] || fail "kubectl_complete-virt is not executable in the deb"
plugin_completion=$(PATH="$work/deb-root/usr/bin:$PATH" kubectl_complete-virt st 2>/dev/null)
grep -q "^start" <<<"$plugin_completion" || fail "kubectl_complete-virt does not complete: $plugin_completion"
registered=$(bash --norc -c "source '$work/deb-root/usr/share/bash-completion/completions/virtctl' && complete -p virtctl")
grep -q -- '-F _clap_complete_virtctl virtctl' <<<"$registered" || fail "the bash completion does not register"
for page in "$work"/deb-root/usr/share/man/man1/*.gz; do
  [[ $(zcat "$page" | head -c 200) == *".TH "* ]] || fail "$page is not a man page"
done

# ---- Homebrew ------------------------------------------------------------------------------------
step "homebrew formula"
formula=$src/packaging/homebrew/virtctl.rb
ruby -c "$formula" >/dev/null
# cargo install would refresh the registry index first; everything is in the cache already.
installed=$(CARGO_NET_OFFLINE=true ruby "$src/packaging/homebrew/check.rb" "$formula" "$src" "$work/brew-prefix")
expected_brew_files=$(
  {
    printf '%s\n' bin/kubectl-virt bin/kubectl_complete-virt bin/virtctl etc/bash_completion.d/virtctl \
      share/zsh/site-functions/_virtctl share/fish/vendor_completions.d/virtctl.fish
    sed 's|^|share/man/man1/|' <<<"$man_pages"
  } | sort
)
diff <(echo "$expected_brew_files") <(echo "$installed" | sort) || fail "the formula installs other files (< expected, > actual)"
out=$("$work/brew-prefix/bin/virtctl" version --client)
grep -qF "GitCommit:\"$commit\"" <<<"$out" || fail "the formula's virtctl"

# The macOS install: the downloaded darwin binary (the Linux one stands in, without its execute
# bit, as a download has none) and the tarball as the `source` resource.
step "homebrew formula, macOS install"
mkdir -p "$work/brew-stage"
install -m 0644 "$binary" "$work/brew-stage/virtctl-v$version-darwin-arm64"
installed=$(ruby "$src/packaging/homebrew/check.rb" --mac "$work/brew-stage" "$formula" "$src" "$work/brew-mac-prefix")
diff <(echo "$expected_brew_files") <(echo "$installed" | sort) || fail "the formula installs other files on macOS (< expected, > actual)"
[[ -x $work/brew-mac-prefix/bin/virtctl ]] || fail "the formula's macOS virtctl is not executable"
help=$("$work/brew-mac-prefix/bin/kubectl-virt" --help)
grep -q "kubectl virt" <<<"$help" || fail "the formula's macOS kubectl-virt"

# update.sh: every url and sha256 from a release directory's SHA256SUMS and the tarball.
step "homebrew update.sh"
mkdir -p "$work/brew-release"
echo "arm64 stand-in" >"$work/brew-release/virtctl-v$version-darwin-arm64"
echo "amd64 stand-in" >"$work/brew-release/virtctl-v$version-darwin-amd64"
(cd "$work/brew-release" && sha256sum virtctl-* >SHA256SUMS)
cp "$formula" "$work/virtctl.rb"
release_url=https://example.invalid/virtctl/v$version
"$src/packaging/homebrew/update.sh" "$release_url" "$work/$name.tar.gz" "$work/brew-release/SHA256SUMS" "$work/virtctl.rb"
ruby -c "$work/virtctl.rb" >/dev/null
sha_of() { sha256sum "$1" | cut -d' ' -f1; }
expected_urls="macos arm $release_url/virtctl-v$version-darwin-arm64 $(sha_of "$work/brew-release/virtctl-v$version-darwin-arm64")
macos intel $release_url/virtctl-v$version-darwin-amd64 $(sha_of "$work/brew-release/virtctl-v$version-darwin-amd64")
macos resource:source $release_url/$name.tar.gz $(sha_of "$work/$name.tar.gz")
linux any $release_url/$name.tar.gz $(sha_of "$work/$name.tar.gz")"
diff <(echo "$expected_urls") <(ruby "$src/packaging/homebrew/check.rb" --urls "$work/virtctl.rb") ||
  fail "update.sh wrote other urls or sha256s (< expected, > actual)"
grep -qx "  version \"$version\"" "$work/virtctl.rb" || fail "update.sh: version"

step "ok: $(basename "$rpm"), $(basename "$deb"), Homebrew formula"
