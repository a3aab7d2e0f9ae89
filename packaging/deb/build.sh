#!/usr/bin/env bash
# Builds virtctl_<version>-1_<arch>.deb from a release binary and the checked-in completions,
# man pages and license, with dpkg-deb (no cargo-deb to compile).
#
#   packaging/deb/build.sh [BINARY] [OUTPUT_DIR]
#
# BINARY defaults to target/release/virtctl (build it first: cargo build --release --locked),
# OUTPUT_DIR to target/deb. Prints the path of the package it wrote.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
binary=${1:-$root/target/release/virtctl}
out=${2:-$root/target/deb}
maintainer="virtctl maintainers <maintainers@users.noreply.h-seed-0e463f9c.example>"

[[ -x "$binary" ]] || { echo "no executable at $binary: run cargo build --release --locked first" >&2; exit 1; }
version=$(awk -F'"' '/^\[package\]/ { in_package = 1 } in_package && /^version *=/ { print $2; exit }' "$root/Cargo.toml")
[[ -n "$version" ]] || { echo "cannot read the version from Cargo.toml" >&2; exit 1; }
arch=$(dpkg --print-architecture)

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
pkg=$stage/virtctl

install -Dm0755 "$binary" "$pkg/usr/bin/virtctl"
ln -s virtctl "$pkg/usr/bin/kubectl-virt"
install -m0755 "$root/completions/kubectl/kubectl_complete-virt" "$pkg/usr/bin/kubectl_complete-virt"
install -Dm0644 "$root/completions/dynamic/virtctl.bash" "$pkg/usr/share/bash-completion/completions/virtctl"
install -Dm0644 "$root/completions/dynamic/_virtctl" "$pkg/usr/share/zsh/vendor-completions/_virtctl"
install -Dm0644 "$root/completions/dynamic/virtctl.fish" "$pkg/usr/share/fish/vendor_completions.d/virtctl.fish"
install -d "$pkg/usr/share/man/man1"
for page in "$root"/man/*.1; do
  gzip -9n <"$page" >"$pkg/usr/share/man/man1/$(basename "$page").gz"
done
install -d "$pkg/usr/share/doc/virtctl"
{
  echo "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
  echo "Upstream-Name: virtctl"
  echo
  echo "Files: *"
  echo "License: Apache-2.0"
  echo " On Debian systems the full text is in /usr/share/common-licenses/Apache-2.0;"
  echo " it follows here as well."
  echo
  cat "$root/LICENSE"
} >"$pkg/usr/share/doc/virtctl/copyright"

# Depends: the shared libraries the binary links, as dpkg-shlibdeps finds them.
mkdir -p "$stage/shlibs/debian"
printf 'Source: virtctl\n\nPackage: virtctl\nArchitecture: any\n' >"$stage/shlibs/debian/control"
depends=$(cd "$stage/shlibs" && dpkg-shlibdeps -O -e "$pkg/usr/bin/virtctl" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
installed_size=$(du -sk "$pkg" | cut -f1)

mkdir "$pkg/DEBIAN"
cat >"$pkg/DEBIAN/control" <<CONTROL
Package: virtctl
Version: $version-1
Architecture: $arch
Maintainer: $maintainer
Installed-Size: $installed_size
${depends:+Depends: $depends
}Section: admin
Priority: optional
Homepage: https://kubevirt.io/user-guide/user_workloads/virtctl_client_tool/
Description: Fast, drop-in Rust reimplementation of KubeVirt's virtctl
 virtctl controls KubeVirt virtual machines on Kubernetes and OpenShift: start,
 stop, restart, pause, migrate and more, with the same commands, flags, output
 and wire protocol as upstream's virtctl, in one small binary. Installed as
 kubectl-virt it is also the kubectl plugin. Shell completion knows the VMs,
 VMIs and namespaces of the current cluster.
CONTROL

mkdir -p "$out"
deb="$out/virtctl_${version}-1_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$pkg" "$deb" >/dev/null
echo "$deb"
