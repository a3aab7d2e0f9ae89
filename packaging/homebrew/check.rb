# Runs the formula outside Homebrew, with a small stand-in for the parts of Homebrew's DSL it
# uses. Every file the formula installs must exist (Pathname#install raises otherwise).
#
#   ruby packaging/homebrew/check.rb FORMULA SOURCE_TREE PREFIX
#       the Linux install: from the unpacked source tree, where `cargo install` really runs
#       (pointed at an existing release build through CARGO_TARGET_DIR, it only copies the binary)
#   ruby packaging/homebrew/check.rb --mac STAGE FORMULA SOURCE_TREE PREFIX
#       the macOS install: from STAGE, which holds the downloaded darwin binary, with SOURCE_TREE
#       as the `source` resource
#   ruby packaging/homebrew/check.rb --urls FORMULA
#       prints "OS ARCH url sha256" for each download the formula declares (ARCH "any" outside
#       on_arm/on_intel; resources as "OS resource:NAME")
#
# The install modes print every installed path relative to PREFIX.
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
    raise "the formula installs #{from}, which does not exist in #{Dir.pwd}" unless from && File.exist?(from)

    FileUtils.cp(from, self / to, preserve: true)
  end
end

# Which system the stand-in plays: the install's branch and the on_macos/on_linux blocks.
module OS
  class << self
    attr_accessor :mac

    def mac? = mac
    def linux? = !mac
  end
end

# A resource evaluates its url and sha256 into the formula's list of downloads; staging it runs
# the block in the source tree given on the command line.
class Resource
  def initialize(tree) = @tree = tree
  def stage(&) = Dir.chdir(@tree, &)
end

class Formula
  include FileUtils

  class << self
    attr_accessor :source_tree

    %i[desc homepage license head depends_on version].each do |name|
      define_method(name) { |*| nil }
    end

    # Every url and sha256, keyed by the system blocks around them.
    def downloads = (@downloads ||= {})
    def place = [@os || "any", @arch || "any"]

    def url(value) = (downloads[place] ||= {})[:url] = value
    def sha256(value) = (downloads[place] ||= {})[:sha256] = value

    def on_macos(&) = within(:@os, "macos", &)
    def on_linux(&) = within(:@os, "linux", &)
    def on_arm(&) = within(:@arch, "arm", &)
    def on_intel(&) = within(:@arch, "intel", &)

    def resource(name, &)
      within(:@arch, "resource:#{name}", &)
    end

    def within(variable, value)
      outer = instance_variable_get(variable)
      instance_variable_set(variable, value)
      yield
    ensure
      instance_variable_set(variable, outer)
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
  def resource(_name) = Resource.new(self.class.source_tree)

  def system(*args)
    Kernel.system(*args, exception: true)
  end
end

usage = "usage: check.rb [--mac STAGE] FORMULA SOURCE_TREE PREFIX | check.rb --urls FORMULA"
if ARGV.first == "--urls"
  load File.expand_path(ARGV[1] || abort(usage))
  Virtctl.downloads.each { |(os, arch), d| puts [os, arch, d[:url], d[:sha256]].join(" ") }
  exit
end
stage = (ARGV.shift(2).last if ARGV.first == "--mac")
formula, source, prefix = ARGV
abort usage unless formula && source && prefix
OS.mac = !stage.nil?
load File.expand_path(formula)
Virtctl.source_tree = File.expand_path(source)
FileUtils.mkdir_p(prefix)
prefix = File.expand_path(prefix)
Dir.chdir(stage || source) { Virtctl.new(prefix).install }
Dir.glob("**/*", base: prefix).sort.each do |path|
  puts path unless File.directory?(File.join(prefix, path)) && !File.symlink?(File.join(prefix, path))
end
