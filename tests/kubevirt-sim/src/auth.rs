//! Bearer-token authentication and a namespace-scoped authorizer that answers like RBAC.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use crate::status::{ApiError, GroupResource};

#[derive(Debug, Clone)]
pub struct User {
    pub name: String,
    /// `None`: every namespace and the cluster scope.
    pub namespaces: Option<Vec<String>>,
}

#[derive(Clone, Default)]
pub struct Tokens {
    inner: Arc<RwLock<HashMap<String, User>>>,
}

impl Tokens {
    pub fn add(&self, token: &str, user: &str, namespaces: Option<&[&str]>) {
        self.inner.write().unwrap_or_else(|e| e.into_inner()).insert(
            token.to_string(),
            User {
                name: user.to_string(),
                namespaces: namespaces.map(|n| n.iter().map(|s| s.to_string()).collect()),
            },
        );
    }

    /// Resolve an `Authorization` header value.
    pub fn authenticate(&self, header: Option<&str>) -> Result<User, ApiError> {
        let token = header
            .and_then(|h| {
                let (scheme, rest) = h.trim().split_once(' ')?;
                scheme.eq_ignore_ascii_case("bearer").then(|| rest.trim())
            })
            .ok_or_else(ApiError::unauthorized)?;
        self.inner
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(token)
            .cloned()
            .ok_or_else(ApiError::unauthorized)
    }
}

/// What a request asks to do, in RBAC terms.
#[derive(Debug, Clone)]
pub struct Attributes<'a> {
    pub verb: &'a str,
    pub group: &'a str,
    /// plural resource
    pub resource: &'a str,
    pub subresource: &'a str,
    /// empty for cluster-scoped requests (including all-namespace lists)
    pub namespace: &'a str,
    pub name: &'a str,
}

impl User {
    fn allows_namespace(&self, ns: &str) -> bool {
        match &self.namespaces {
            None => true,
            Some(list) => !ns.is_empty() && list.iter().any(|n| n == ns),
        }
    }

    /// RBAC-like decision; the error is the apiserver's Forbidden Status.
    pub fn authorize(&self, a: &Attributes<'_>) -> Result<(), ApiError> {
        let mut ok = self.allows_namespace(a.namespace);
        // a namespace-scoped user may read its own Namespace object
        if !ok && a.group.is_empty() && a.resource == "namespaces" && a.verb == "get" && self.allows_namespace(a.name) {
            ok = true;
        }
        if ok {
            return Ok(());
        }
        let res = if a.subresource.is_empty() {
            a.resource.to_string()
        } else {
            format!("{}/{}", a.resource, a.subresource)
        };
        let scope = if a.namespace.is_empty() {
            "at the cluster scope".to_string()
        } else {
            format!("in the namespace \"{}\"", a.namespace)
        };
        let reason = format!(
            "User \"{}\" cannot {} resource \"{}\" in API group \"{}\" {}",
            self.name, a.verb, res, a.group, scope
        );
        Err(ApiError::forbidden(
            &GroupResource::new(a.group, a.resource),
            a.name,
            &reason,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_messages() {
        let t = Tokens::default();
        t.add("x", "alice", Some(&["limited"]));
        let u = t.authenticate(Some("Bearer x")).unwrap();
        let e = u
            .authorize(&Attributes {
                verb: "get",
                group: "kubevirt.io",
                resource: "virtualmachines",
                subresource: "",
                namespace: "default",
                name: "vm1",
            })
            .unwrap_err();
        assert_eq!(
            e.message,
            r#"virtualmachines.kubevirt.io "vm1" is forbidden: User "alice" cannot get resource "virtualmachines" in API group "kubevirt.io" in the namespace "default""#
        );
        let e = u
            .authorize(&Attributes {
                verb: "update",
                group: "subresources.kubevirt.io",
                resource: "virtualmachines",
                subresource: "start",
                namespace: "default",
                name: "vm1",
            })
            .unwrap_err();
        assert_eq!(
            e.message,
            r#"virtualmachines.subresources.kubevirt.io "vm1" is forbidden: User "alice" cannot update resource "virtualmachines/start" in API group "subresources.kubevirt.io" in the namespace "default""#
        );
        let e = u
            .authorize(&Attributes {
                verb: "list",
                group: "kubevirt.io",
                resource: "virtualmachines",
                subresource: "",
                namespace: "",
                name: "",
            })
            .unwrap_err();
        assert_eq!(
            e.message,
            r#"virtualmachines.kubevirt.io is forbidden: User "alice" cannot list resource "virtualmachines" in API group "kubevirt.io" at the cluster scope"#
        );
        assert!(
            u.authorize(&Attributes {
                verb: "delete",
                group: "",
                resource: "pods",
                subresource: "",
                namespace: "limited",
                name: "p",
            })
            .is_ok()
        );
    }

    #[test]
    fn unknown_token() {
        let t = Tokens::default();
        assert_eq!(t.authenticate(None).unwrap_err().code, 401);
        assert_eq!(t.authenticate(Some("Bearer nope")).unwrap_err().code, 401);
        assert_eq!(t.authenticate(Some("Basic abc")).unwrap_err().code, 401);
    }
}
