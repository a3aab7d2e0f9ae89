//! Kubernetes `Status` error bodies, built the way apimachinery's `k8s.io/apimachinery/pkg/api/errors`
//! constructors build them (same messages, reasons, details and codes).

use serde_json::{Map, Value, json};

/// A group + resource pair, printed as `resource.group` (or `resource` for the core group), the way
/// `schema.GroupResource.String()` prints it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupResource {
    pub group: String,
    pub resource: String,
}

impl GroupResource {
    pub fn new(group: &str, resource: &str) -> Self {
        GroupResource {
            group: group.to_string(),
            resource: resource.to_string(),
        }
    }
}

impl std::fmt::Display for GroupResource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.group.is_empty() {
            write!(f, "{}", self.resource)
        } else {
            write!(f, "{}.{}", self.resource, self.group)
        }
    }
}

/// An API error: HTTP code plus the `Status` body. `plain_text` errors are written as a bare
/// `text/plain` body holding the message (what go-restful's `WriteError` does in virt-api).
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub code: u16,
    pub reason: String,
    pub message: String,
    pub details: Option<Value>,
    pub plain_text: bool,
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({}): {}", self.code, self.reason, self.message)
    }
}

impl std::error::Error for ApiError {}

/// Go's `%q` for the plain strings used in Kubernetes names and messages.
pub fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn details(name: &str, gr: Option<&GroupResource>) -> Value {
    let mut m = Map::new();
    if !name.is_empty() {
        m.insert("name".into(), json!(name));
    }
    if let Some(gr) = gr {
        if !gr.group.is_empty() {
            m.insert("group".into(), json!(gr.group));
        }
        if !gr.resource.is_empty() {
            m.insert("kind".into(), json!(gr.resource));
        }
    }
    Value::Object(m)
}

impl ApiError {
    pub fn new(code: u16, reason: &str, message: impl Into<String>, details: Option<Value>) -> Self {
        ApiError {
            code,
            reason: reason.to_string(),
            message: message.into(),
            details,
            plain_text: false,
        }
    }

    /// The `Status` JSON object (key order as the apiserver writes it).
    pub fn to_status(&self) -> Value {
        let mut m = Map::new();
        m.insert("kind".into(), json!("Status"));
        m.insert("apiVersion".into(), json!("v1"));
        m.insert("metadata".into(), json!({}));
        m.insert("status".into(), json!("Failure"));
        m.insert("message".into(), json!(self.message));
        if !self.reason.is_empty() {
            m.insert("reason".into(), json!(self.reason));
        }
        // `details` is a pointer in Go: set (even with every field empty) it is sent as `{}`.
        if let Some(d) = &self.details {
            m.insert("details".into(), d.clone());
        }
        m.insert("code".into(), json!(self.code));
        Value::Object(m)
    }

    /// Turn this error into a virt-api `response.WriteError(500, err)` style plain-text error.
    pub fn into_plain_500(self) -> Self {
        ApiError {
            code: 500,
            plain_text: true,
            ..self
        }
    }

    pub fn unauthorized() -> Self {
        ApiError::new(401, "Unauthorized", "Unauthorized", None)
    }

    pub fn not_found(gr: &GroupResource, name: &str) -> Self {
        ApiError::new(
            404,
            "NotFound",
            format!("{} {} not found", gr, go_quote(name)),
            Some(details(name, Some(gr))),
        )
    }

    /// A 404 for a path the server does not serve at all.
    pub fn path_not_found() -> Self {
        ApiError::new(
            404,
            "NotFound",
            "the server could not find the requested resource",
            Some(json!({})),
        )
    }

    pub fn already_exists(gr: &GroupResource, name: &str) -> Self {
        ApiError::new(
            409,
            "AlreadyExists",
            format!("{} {} already exists", gr, go_quote(name)),
            Some(details(name, Some(gr))),
        )
    }

    /// `errors.NewConflict(gr, name, err)`.
    pub fn conflict(gr: &GroupResource, name: &str, reason: &str) -> Self {
        ApiError::new(
            409,
            "Conflict",
            format!("Operation cannot be fulfilled on {} {}: {}", gr, go_quote(name), reason),
            Some(details(name, Some(gr))),
        )
    }

    /// The optimistic-concurrency conflict of an update with a stale resourceVersion.
    pub fn stale(gr: &GroupResource, name: &str) -> Self {
        Self::conflict(
            gr,
            name,
            "the object has been modified; please apply your changes to the latest version and try again",
        )
    }

    pub fn bad_request(msg: impl Into<String>) -> Self {
        ApiError::new(400, "BadRequest", msg, None)
    }

    pub fn internal(msg: impl std::fmt::Display) -> Self {
        let msg = msg.to_string();
        ApiError::new(
            500,
            "InternalError",
            format!("Internal error occurred: {msg}"),
            Some(json!({"causes": [{"message": msg}]})),
        )
    }

    /// `errors.NewForbidden(gr, name, err)`.
    pub fn forbidden(gr: &GroupResource, name: &str, reason: &str) -> Self {
        let message = if name.is_empty() {
            format!("{gr} is forbidden: {reason}")
        } else {
            format!("{} {} is forbidden: {}", gr, go_quote(name), reason)
        };
        ApiError::new(403, "Forbidden", message, Some(details(name, Some(gr))))
    }

    pub fn method_not_supported(gr: &GroupResource, action: &str) -> Self {
        ApiError::new(
            405,
            "MethodNotAllowed",
            format!(
                "{action} is not supported on resources of kind {}",
                go_quote(&gr.to_string())
            ),
            Some(details("", Some(gr))),
        )
    }

    /// `errors.NewInvalid(groupKind, name, fieldErrors)`; causes are (reason, field, message-detail).
    pub fn invalid(kind: &str, group: &str, name: &str, causes: &[FieldError]) -> Self {
        let gk = if group.is_empty() {
            kind.to_string()
        } else {
            format!("{kind}.{group}")
        };
        let errs: Vec<String> = causes.iter().map(|c| c.to_string()).collect();
        let agg = if errs.len() == 1 {
            errs[0].clone()
        } else {
            format!("[{}]", errs.join(", "))
        };
        let mut d = Map::new();
        if !name.is_empty() {
            d.insert("name".into(), json!(name));
        }
        if !group.is_empty() {
            d.insert("group".into(), json!(group));
        }
        d.insert("kind".into(), json!(kind));
        d.insert(
            "causes".into(),
            Value::Array(
                causes
                    .iter()
                    .map(|c| json!({"reason": c.reason, "message": c.message(), "field": c.field}))
                    .collect(),
            ),
        );
        ApiError::new(
            422,
            "Invalid",
            format!("{} {} is invalid: {}", gk, go_quote(name), agg),
            Some(Value::Object(d)),
        )
    }

    /// What the apiserver answers when a JSON patch fails to apply (a failed `test`, a missing
    /// path): `errors.NewGenericServerResponse(422, "", GroupResource{}, "", err, 0, false)`.
    pub fn patch_apply_failed(err: &str) -> Self {
        ApiError::new(
            422,
            "Invalid",
            "the server rejected our request due to an error in our request",
            Some(json!({"causes": [{"reason": "UnexpectedServerResponse", "message": err}]})),
        )
    }

    pub fn unsupported_media_type(ct: &str) -> Self {
        ApiError::new(
            415,
            "UnsupportedMediaType",
            format!(
                "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml (got {ct})"
            ),
            None,
        )
    }
}

/// A field validation error (`field.Error`).
#[derive(Debug, Clone)]
pub struct FieldError {
    /// `FieldValueRequired`, `FieldValueInvalid`, `FieldValueNotSupported`, ...
    pub reason: &'static str,
    pub field: String,
    /// detail text, e.g. `name or generateName is required`
    pub detail: String,
    /// for `FieldValueInvalid`: the bad value, printed Go-style
    pub value: Option<String>,
}

impl FieldError {
    pub fn required(field: &str, detail: &str) -> Self {
        FieldError {
            reason: "FieldValueRequired",
            field: field.to_string(),
            detail: detail.to_string(),
            value: None,
        }
    }

    pub fn invalid(field: &str, value: &str, detail: &str) -> Self {
        FieldError {
            reason: "FieldValueInvalid",
            field: field.to_string(),
            detail: detail.to_string(),
            value: Some(go_quote(value)),
        }
    }

    fn type_text(&self) -> &'static str {
        match self.reason {
            "FieldValueRequired" => "Required value",
            "FieldValueInvalid" => "Invalid value",
            "FieldValueForbidden" => "Forbidden",
            "FieldValueDuplicate" => "Duplicate value",
            "FieldValueNotSupported" => "Unsupported value",
            _ => "Invalid value",
        }
    }

    /// The cause message (without the field prefix).
    pub fn message(&self) -> String {
        let mut s = self.type_text().to_string();
        if let Some(v) = &self.value {
            s.push_str(": ");
            s.push_str(v);
        }
        if !self.detail.is_empty() {
            s.push_str(": ");
            s.push_str(&self.detail);
        }
        s
    }
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_found_body() {
        let e = ApiError::not_found(&GroupResource::new("kubevirt.io", "virtualmachine"), "vm1");
        assert_eq!(
            e.to_status().to_string(),
            r#"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"virtualmachine.kubevirt.io \"vm1\" not found","reason":"NotFound","details":{"name":"vm1","group":"kubevirt.io","kind":"virtualmachine"},"code":404}"#
        );
    }

    #[test]
    fn core_group_has_no_group_detail() {
        let e = ApiError::not_found(&GroupResource::new("", "namespaces"), "x");
        assert_eq!(e.message, r#"namespaces "x" not found"#);
        assert_eq!(e.to_status()["details"], json!({"name": "x", "kind": "namespaces"}));
    }

    #[test]
    fn unauthorized_body() {
        assert_eq!(
            ApiError::unauthorized().to_status().to_string(),
            r#"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}"#
        );
    }

    #[test]
    fn conflict_and_internal_messages() {
        let gr = GroupResource::new("kubevirt.io", "virtualmachine");
        assert_eq!(
            ApiError::conflict(&gr, "a", "VM is already running").message,
            r#"Operation cannot be fulfilled on virtualmachine.kubevirt.io "a": VM is already running"#
        );
        assert_eq!(ApiError::internal("boom").message, "Internal error occurred: boom");
    }

    #[test]
    fn invalid_message() {
        let e = ApiError::invalid(
            "VirtualMachine",
            "kubevirt.io",
            "",
            &[FieldError::required(
                "metadata.name",
                "name or generateName is required",
            )],
        );
        assert_eq!(
            e.message,
            r#"VirtualMachine.kubevirt.io "" is invalid: metadata.name: Required value: name or generateName is required"#
        );
        assert_eq!(e.code, 422);
    }
}
