//! The version record of `virtctl version` (client-go's `version.Info`) and its Go-syntax
//! rendering.

use serde::{Deserialize, Serialize};

use crate::error::go_quote;

/// The KubeVirt release this build matches; `version` and the skew check compare against it.
pub const GIT_VERSION: &str = concat!("v", env!("CARGO_PKG_VERSION"));

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase", default)]
pub struct VersionInfo {
    pub git_version: String,
    pub git_commit: String,
    pub git_tree_state: String,
    pub build_date: String,
    pub go_version: String,
    pub compiler: String,
    pub platform: String,
}

impl VersionInfo {
    /// This binary's own version record.
    pub fn client() -> Self {
        VersionInfo {
            git_version: GIT_VERSION.to_string(),
            git_commit: option_env!("VIRTCTL_GIT_COMMIT").unwrap_or("").to_string(),
            git_tree_state: option_env!("VIRTCTL_GIT_TREE_STATE").unwrap_or("").to_string(),
            build_date: option_env!("VIRTCTL_BUILD_DATE").unwrap_or("").to_string(),
            go_version: option_env!("VIRTCTL_RUSTC_VERSION").unwrap_or("rust").to_string(),
            compiler: "rustc".to_string(),
            platform: platform(),
        }
    }

    /// Go's `%#v` of `version.Info`, the way upstream prints it.
    pub fn go_syntax(&self) -> String {
        format!(
            "version.Info{{GitVersion:{}, GitCommit:{}, GitTreeState:{}, BuildDate:{}, GoVersion:{}, Compiler:{}, Platform:{}}}",
            go_quote(&self.git_version),
            go_quote(&self.git_commit),
            go_quote(&self.git_tree_state),
            go_quote(&self.build_date),
            go_quote(&self.go_version),
            go_quote(&self.compiler),
            go_quote(&self.platform)
        )
    }

    /// `(major, minor)` of the `gitVersion`, as semver after a leading `v`.
    pub fn major_minor(&self) -> Result<(u64, u64), String> {
        let text = self.git_version.trim_start_matches('v');
        semver::Version::parse(text)
            .map(|v| (v.major, v.minor))
            .map_err(|e| format!("{text:?} is not in dotted-tri format: {e}"))
    }
}

/// Go's `GOOS/GOARCH` naming of this platform.
pub fn platform() -> String {
    go_platform(std::env::consts::OS, std::env::consts::ARCH)
}

/// Rust's names of an OS and an architecture as Go's `GOOS/GOARCH` (`macos/aarch64` is
/// `darwin/arm64`), as upstream's `version` prints them on the same machine.
fn go_platform(os: &str, arch: &str) -> String {
    let os = match os {
        "macos" => "darwin",
        other => other,
    };
    let arch = match arch {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        "x86" => "386",
        "powerpc64" if cfg!(target_endian = "little") => "ppc64le",
        other => other,
    };
    format!("{os}/{arch}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platforms_are_named_as_go_names_them() {
        assert_eq!(go_platform("linux", "x86_64"), "linux/amd64");
        assert_eq!(go_platform("linux", "aarch64"), "linux/arm64");
        assert_eq!(go_platform("linux", "s390x"), "linux/s390x");
        assert_eq!(go_platform("macos", "aarch64"), "darwin/arm64");
        assert_eq!(go_platform("macos", "x86_64"), "darwin/amd64");
        assert_eq!(go_platform("windows", "x86_64"), "windows/amd64");
    }

    #[test]
    fn go_syntax_matches_upstream_shape() {
        let info = VersionInfo {
            git_version: "v1.8.0".into(),
            git_commit: "abc".into(),
            git_tree_state: "clean".into(),
            build_date: "2026-08-22T10:34:54Z".into(),
            go_version: "go1.26".into(),
            compiler: "gc".into(),
            platform: "linux/amd64".into(),
        };
        assert_eq!(
            info.go_syntax(),
            r#"version.Info{GitVersion:"v1.8.0", GitCommit:"abc", GitTreeState:"clean", BuildDate:"2026-08-22T10:34:54Z", GoVersion:"go1.26", Compiler:"gc", Platform:"linux/amd64"}"#
        );
        assert_eq!(info.major_minor(), Ok((1, 8)));
    }

    #[test]
    fn bad_versions_do_not_parse() {
        let info = VersionInfo {
            git_version: "v1.8".into(),
            ..Default::default()
        };
        assert!(info.major_minor().is_err());
    }
}
