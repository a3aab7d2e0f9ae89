# Homebrew formula. On macOS it installs the release's prebuilt binary for the Mac's architecture
# (packaging/release.sh's virtctl-vVERSION-darwin-arm64 and -darwin-amd64, which are linked on a
# Mac: README, "Other platforms"); on Linux it builds the release source tarball with cargo. Both
# install the kubectl plugin link, completion that knows the cluster for bash, zsh and fish, and
# the man pages, from the source tarball (the `source` resource on macOS).
#
# Every url and sha256 below is rewritten for a release by packaging/homebrew/update.sh from the
# release's download URL, its source tarball and the SHA256SUMS of its binaries.
class Virtctl < Formula
  desc "Fast, drop-in Rust reimplementation of KubeVirt's virtctl"
  homepage "https://kubevirt.io/user-guide/user_workloads/virtctl_client_tool/"
  version "1.8.0"
  license "Apache-2.0"

  on_macos do
    on_arm do
      url "https://example.invalid/virtctl/v1.8.0/virtctl-v1.8.0-darwin-arm64"
      sha256 "0000000000000000000000000000000000000000000000000000000000000000"
    end
    on_intel do
      url "https://example.invalid/virtctl/v1.8.0/virtctl-v1.8.0-darwin-amd64"
      sha256 "0000000000000000000000000000000000000000000000000000000000000000"
    end

    resource "source" do
      url "https://example.invalid/virtctl/v1.8.0/virtctl-1.8.0.tar.gz"
      sha256 "0000000000000000000000000000000000000000000000000000000000000000"
    end
  end

  on_linux do
    url "https://example.invalid/virtctl/v1.8.0/virtctl-1.8.0.tar.gz"
    sha256 "0000000000000000000000000000000000000000000000000000000000000000"

    depends_on "rust" => :build
  end

  def install
    if OS.mac?
      binary = Dir["virtctl-v*-darwin-*"].first
      chmod 0755, binary
      bin.install binary => "virtctl"
      resource("source").stage { install_support_files }
    else
      # A tarball has no git history: the build date comes from the tarball's release.
      ENV["SOURCE_DATE_EPOCH"] ||= File.mtime("Cargo.toml").to_i.to_s
      system "cargo", "install", *std_cargo_args
      install_support_files
    end
  end

  # What the source tree holds besides the binary; run from its top directory.
  def install_support_files
    bin.install_symlink "virtctl" => "kubectl-virt"
    bin.install "completions/kubectl/kubectl_complete-virt"
    bash_completion.install "completions/dynamic/virtctl.bash" => "virtctl"
    zsh_completion.install "completions/dynamic/_virtctl"
    fish_completion.install "completions/dynamic/virtctl.fish"
    man1.install Dir["man/*.1"]
  end

  test do
    assert_match "GitVersion:\"v#{version}\"", shell_output("#{bin}/virtctl version --client")
    assert_match "kubectl virt", shell_output("#{bin}/kubectl-virt --help")
    assert_match "complete -o nospace", shell_output("COMPLETE=bash #{bin}/virtctl")
  end
end
