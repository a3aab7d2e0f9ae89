# Runs the formula's `install` block outside Homebrew, against an unpacked source tree, with a
# small stand-in for the parts of Homebrew's DSL it uses. Every file the formula installs must
# exist there (Pathname#install raises otherwise), and `cargo install` really runs (pointed at an
# existing release build through CARGO_TARGET_DIR, it only copies the binary).
#
#   ruby packaging/homebrew/check.rb FORMULA SOURCE_TREE PREFIX
#
# Prints every installed path relative to PREFIX.
require "fileutils"
require "pathname"

class Pathname
  # Homebrew's Pathname#install: `install "a"`, `install "a" => "b"`, `install ["a", "b"]`.
  def install(*sources)
    mkpath
    sources.each do |source|
      case source
      when Hash then source.each { |from, to| install_one(from, to) }
      when Array then source.each { |from| install_one(from, File.basename(from)) }
      else install_one(source, File.basename(source))
      end
    end
  end

  def install_symlink(links)
    mkpath
    links.each { |target, name| FileUtils.ln_s(target, self / name) }
  end

  private

  def install_one(from, to)
    raise "the formula installs #{from}, which the source tree does not have" unless File.exist?(from)

    FileUtils.cp(from, self / to)
  end
end

class Formula
  class << self
    %i[desc homepage url sha256 license head depends_on].each do |name|
      define_method(name) { |*| nil }
    end

    def test(&block)
      @test_block = block
    end
  end

  attr_reader :prefix

  def initialize(prefix)
    @prefix = Pathname(prefix)
  end

  def bin = prefix / "bin"
  def man1 = prefix / "share/man/man1"
  def bash_completion = prefix / "etc/bash_completion.d"
  def zsh_completion = prefix / "share/zsh/site-functions"
  def fish_completion = prefix / "share/fish/vendor_completions.d"
  def std_cargo_args = ["--locked", "--root", prefix.to_s, "--path", "."]

  def system(*args)
    Kernel.system(*args, exception: true)
  end
end

formula, source, prefix = ARGV
abort "usage: check.rb FORMULA SOURCE_TREE PREFIX" unless formula && source && prefix
load File.expand_path(formula)
FileUtils.mkdir_p(prefix)
prefix = File.expand_path(prefix)
Dir.chdir(source) { Virtctl.new(prefix).install }
Dir.glob("**/*", base: prefix).sort.each do |path|
  puts path unless File.directory?(File.join(prefix, path)) && !File.symlink?(File.join(prefix, path))
end
