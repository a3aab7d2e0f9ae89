//! The `[USER@]TYPE/NAME[/NAMESPACE]` target of `port-forward`, `ssh` and `scp`, parsed once
//! with upstream's rules and messages (dots are part of the name, as since v1.7).

use std::fmt;
use std::str::FromStr;

use crate::cluster::kubevirt::{VMIS, VMS};

/// A VM or a VMI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Vm,
    Vmi,
}

impl Kind {
    /// The kind a type word names, as upstream's commands accept them (any case): `vm`, `vms`,
    /// `virtualmachine`, `virtualmachines`, and the same four for VMIs.
    pub fn from_word(word: &str) -> Option<Kind> {
        match word.to_lowercase().as_str() {
            "vm" | "vms" | "virtualmachine" | "virtualmachines" => Some(Kind::Vm),
            "vmi" | "vmis" | "virtualmachineinstance" | "virtualmachineinstances" => Some(Kind::Vmi),
            _ => None,
        }
    }

    /// [`Kind::from_word`] for the singular words only, which is all upstream's `pause` and
    /// `unpause` accept.
    pub fn from_singular_word(word: &str) -> Option<Kind> {
        let lower = word.to_lowercase();
        Kind::from_word(&lower).filter(|_| !lower.ends_with('s'))
    }

    /// The upper-case abbreviation upstream's messages use: `VM`, `VMI`.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Vm => "VM",
            Kind::Vmi => "VMI",
        }
    }

    /// The API resource plural.
    pub fn resource(self) -> &'static str {
        match self {
            Kind::Vm => VMS,
            Kind::Vmi => VMIS,
        }
    }

    /// The short word used in targets and in the ssh host alias.
    pub fn word(self) -> &'static str {
        match self {
            Kind::Vm => "vm",
            Kind::Vmi => "vmi",
        }
    }
}

/// `TYPE/NAME[/NAMESPACE]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub kind: Kind,
    pub name: String,
    /// `None`: the context's (or `-n`) namespace.
    pub namespace: Option<String>,
}

impl Target {
    /// The namespace, falling back to `default_namespace`.
    pub fn namespace_or<'a>(&'a self, default_namespace: &'a str) -> &'a str {
        self.namespace.as_deref().unwrap_or(default_namespace)
    }
}

impl FromStr for Target {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let parts: Vec<&str> = s.split('/').collect();
        if parts.len() < 2 {
            return Err("target must contain type and name separated by '/'".into());
        }
        if parts.len() > 3 {
            return Err("target is not valid with more than two '/'".into());
        }
        let Some(kind) = Kind::from_word(parts[0]) else {
            return Err(format!("unsupported resource type '{}'", parts[0]));
        };
        if parts[1].is_empty() {
            return Err("name cannot be empty".into());
        }
        let namespace = match parts.get(2) {
            Some(&"") => return Err("namespace cannot be empty".into()),
            Some(ns) => Some(ns.to_string()),
            None => None,
        };
        Ok(Target {
            kind,
            name: parts[1].to_string(),
            namespace,
        })
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.kind.word(), self.name)?;
        if let Some(ns) = &self.namespace {
            write!(f, "/{ns}")?;
        }
        Ok(())
    }
}

/// `[USER@]TYPE/NAME[/NAMESPACE]` of `ssh` and `scp`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserTarget {
    pub user: Option<String>,
    pub target: Target,
}

impl FromStr for UserTarget {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let parts: Vec<&str> = s.split('@').collect();
        if parts.len() == 1 {
            return Ok(UserTarget {
                user: None,
                target: s.parse()?,
            });
        }
        if parts[0].is_empty() {
            return Err("expected username before '@'".into());
        }
        // Upstream uses the second part only: `user@a@b` ignores `@b`.
        if parts[1].is_empty() {
            return Err("expected target after '@'".into());
        }
        Ok(UserTarget {
            user: Some(parts[0].to_string()),
            target: parts[1].parse()?,
        })
    }
}

/// A port argument: `[PROTOCOL/]LOCAL[:REMOTE]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortSpec {
    pub protocol: String,
    pub local: u16,
    pub remote: u16,
}

impl FromStr for PortSpec {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (protocol, spec) = match s.split_once('/') {
            Some((proto, rest)) => (proto.to_string(), rest.split('/').next().unwrap_or("")),
            None => ("tcp".to_string(), s),
        };
        let fields: Vec<&str> = spec.split(':').filter(|f| !f.is_empty()).collect();
        if fields.is_empty() {
            return Err("invalid port, missing local and/or remote port".into());
        }
        let parse = |f: &str| {
            f.parse::<u16>()
                .map_err(|_| format!("strconv.Atoi: parsing {f:?}: invalid syntax"))
        };
        let local = parse(fields[0])?;
        let remote = match fields.get(1) {
            Some(f) => parse(f)?,
            None => local,
        };
        Ok(PortSpec {
            protocol,
            local,
            remote,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets() {
        let t: Target = "vm/fedora".parse().unwrap();
        assert_eq!((t.kind, t.name.as_str(), t.namespace), (Kind::Vm, "fedora", None));
        let t: Target = "VirtualMachineInstances/a.b/ns".parse().unwrap();
        assert_eq!(
            (t.kind, t.name.as_str(), t.namespace.as_deref()),
            (Kind::Vmi, "a.b", Some("ns"))
        );
        let err = |s: &str| s.parse::<Target>().unwrap_err();
        assert_eq!(err("fedora"), "target must contain type and name separated by '/'");
        assert_eq!(err("vm/a/b/c"), "target is not valid with more than two '/'");
        assert_eq!(err("pod/a"), "unsupported resource type 'pod'");
        assert_eq!(err("pod/"), "unsupported resource type 'pod'");
        assert_eq!(err("vm/"), "name cannot be empty");
        assert_eq!(err("vm/a/"), "namespace cannot be empty");
    }

    #[test]
    fn user_targets() {
        let t: UserTarget = "fedora@vmi/x/ns".parse().unwrap();
        assert_eq!(t.user.as_deref(), Some("fedora"));
        assert_eq!(t.target.to_string(), "vmi/x/ns");
        let t: UserTarget = "u@vm/a@ignored".parse().unwrap();
        assert_eq!(t.target.name, "a");
        assert_eq!(
            "@vm/a".parse::<UserTarget>().unwrap_err(),
            "expected username before '@'"
        );
        assert_eq!("u@".parse::<UserTarget>().unwrap_err(), "expected target after '@'");
    }

    #[test]
    fn ports() {
        let p: PortSpec = "8080".parse().unwrap();
        assert_eq!(
            p,
            PortSpec {
                protocol: "tcp".into(),
                local: 8080,
                remote: 8080
            }
        );
        let p: PortSpec = "udp/5353:53".parse().unwrap();
        assert_eq!(
            p,
            PortSpec {
                protocol: "udp".into(),
                local: 5353,
                remote: 53
            }
        );
        let p: PortSpec = ":8080".parse().unwrap();
        assert_eq!((p.local, p.remote), (8080, 8080));
        assert_eq!(
            "tcp/:".parse::<PortSpec>().unwrap_err(),
            "invalid port, missing local and/or remote port"
        );
        assert!("x".parse::<PortSpec>().unwrap_err().contains("invalid syntax"));
    }

    /// Property: every well-formed target prints back to itself and parses to the same value.
    #[test]
    fn round_trip_property() {
        let kinds = ["vm", "vmi"];
        let names = ["a", "fedora-40", "x.y.z", "n_1", "A"];
        let namespaces = [None, Some("default"), Some("ns.with.dots")];
        for kind in kinds {
            for name in names {
                for ns in namespaces {
                    let text = match ns {
                        Some(ns) => format!("{kind}/{name}/{ns}"),
                        None => format!("{kind}/{name}"),
                    };
                    let t: Target = text.parse().unwrap();
                    assert_eq!(t.to_string(), text);
                    assert_eq!(t.to_string().parse::<Target>().unwrap(), t);
                    let with_user: UserTarget = format!("user@{text}").parse().unwrap();
                    assert_eq!(with_user.target, t);
                }
            }
        }
        // Any string with more than two slashes is refused, whatever the parts.
        for s in ["a/b/c/d", "vm/x/y/z", "////"] {
            assert_eq!(
                s.parse::<Target>().unwrap_err(),
                "target is not valid with more than two '/'"
            );
        }
    }
}
