# Homebrew formula: builds virtctl from a release source tarball with cargo, and installs the
# kubectl plugin link, completion that knows the cluster for bash, zsh and fish, and the man pages.
#
# `url` and `sha256` name the release tarball (`git archive --prefix=virtctl-VERSION/ vVERSION`);
# packaging/homebrew/update.sh rewrites them when a release is published.
class Virtctl < Formula
  desc "Fast, drop-in Rust reimplementation of KubeVirt's virtctl"
  homepage "https://kubevirt.io/user-guide/user_workloads/virtctl_client_tool/"
  url "https://example.invalid/virtctl/virtctl-1.8.0.tar.gz"
  sha256 "0000000000000000000000000000000000000000000000000000000000000000"
  license "Apache-2.0"

  depends_on "rust" => :build

  def install
    # A tarball has no git history: the build date comes from the tarball's release.
    ENV["SOURCE_DATE_EPOCH"] ||= File.mtime("Cargo.toml").to_i.to_s
    system "cargo", "install", *std_cargo_args

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
