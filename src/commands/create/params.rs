//! The `key:value[,key:value…]` syntax of the create commands' multi-parameter flags (`--gpu`,
//! `--hostdevice`, `create vm`'s `--volume-*` and `--access-cred`), the typed parameters upstream
//! reads from it (unsigned integers, quantities, `;`-separated lists), the `[prefix/]name` syntax,
//! and the `failed to parse "--flag" flag: …` wording every create command wraps its flag errors in.

use crate::error::Error;

/// upstream's shared wrapper for a bad flag value: `failed to parse "--<flag>" flag: <detail>`.
pub fn flag_error(flag: &str, detail: impl std::fmt::Display) -> Error {
    Error::Usage(format!("failed to parse \"--{flag}\" flag: {detail}"))
}

/// One flag value split into its parameters. Callers take the keys they know, then
/// [`Params::finish`] rejects whatever is left, as upstream does.
#[derive(Debug)]
pub struct Params {
    flag: String,
    /// In the order first written; a repeated key keeps its place and takes the last value.
    pairs: Vec<(String, String)>,
}

impl Params {
    /// Splits `text` on `,`, then each part at its first `:`.
    pub fn parse(flag: &str, text: &str) -> Result<Params, Error> {
        if text.is_empty() {
            return Err(flag_error(flag, "params may not be empty"));
        }
        let mut pairs: Vec<(String, String)> = Vec::new();
        for part in text.split(',') {
            let Some((key, value)) = part.split_once(':') else {
                return Err(flag_error(
                    flag,
                    format!("params need to have at least one colon: {part}"),
                ));
            };
            match pairs.iter_mut().find(|(k, _)| k == key) {
                Some(pair) => pair.1 = value.to_string(),
                None => pairs.push((key.to_string(), value.to_string())),
            }
        }
        Ok(Params {
            flag: flag.to_string(),
            pairs,
        })
    }

    /// The value of `key` (removed, so it does not count as unknown), or `""` when absent.
    pub fn take(&mut self, key: &str) -> String {
        match self.pairs.iter().position(|(k, _)| k == key) {
            Some(index) => self.pairs.remove(index).1,
            None => String::new(),
        }
    }

    /// The value of `key` (removed), or `None` when the key was not written at all.
    pub fn take_opt(&mut self, key: &str) -> Option<String> {
        let index = self.pairs.iter().position(|(k, _)| k == key)?;
        Some(self.pairs.remove(index).1)
    }

    /// An unsigned 32-bit parameter (Go's `strconv.ParseUint(v, 10, 32)`), `None` when absent.
    pub fn uint(&mut self, key: &str) -> Result<Option<u32>, Error> {
        let Some(text) = self.take_opt(key) else {
            return Ok(None);
        };
        let quoted = crate::error::go_quote(&text);
        if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(self.param_error(key, format!("strconv.ParseUint: parsing {quoted}: invalid syntax")));
        }
        text.parse::<u32>()
            .map(Some)
            .map_err(|_| self.param_error(key, format!("strconv.ParseUint: parsing {quoted}: value out of range")))
    }

    /// A Kubernetes quantity parameter in canonical form, `None` when absent.
    pub fn quantity(&mut self, key: &str) -> Result<Option<String>, Error> {
        let Some(text) = self.take_opt(key) else {
            return Ok(None);
        };
        crate::cluster::types::quantity::canonical(&text)
            .map(Some)
            .map_err(|detail| self.param_error(key, detail))
    }

    /// A list parameter: the value split on `;`, `None` when absent.
    pub fn list(&mut self, key: &str) -> Option<Vec<String>> {
        self.take_opt(key)
            .map(|text| text.split(';').map(str::to_string).collect())
    }

    fn param_error(&self, key: &str, detail: String) -> Error {
        flag_error(&self.flag, format!("failed to parse param \"{key}\": {detail}"))
    }

    /// Fails, listing the leftovers, when the value had keys nobody took.
    pub fn finish(self) -> Result<(), Error> {
        if self.pairs.is_empty() {
            return Ok(());
        }
        let unknown: Vec<String> = self.pairs.iter().map(|(k, v)| format!("{k}:{v}")).collect();
        Err(flag_error(
            &self.flag,
            format!("unknown param(s): {}", unknown.join(",")),
        ))
    }
}

/// One parameter of a flag value without checking the others (upstream's `GetParamByName`):
/// malformed values fail as in [`Params::parse`], an absent key is `None`.
pub fn param_of(flag: &str, text: &str, key: &str) -> Result<Option<String>, Error> {
    Params::parse(flag, text).map(|mut params| params.take_opt(key))
}

/// `[prefix/]name` (a kind, or a namespace) split at its one `/`; the error is upstream's detail.
pub fn split_prefixed_name(text: &str) -> Result<(&str, &str), String> {
    let parts: Vec<&str> = text.split('/').collect();
    let (prefix, name) = match parts[..] {
        [name] => ("", name),
        [prefix, name] => (prefix, name),
        _ => return Err(format!("invalid count {} of slashes in prefix/name", parts.len() - 1)),
    };
    if name.is_empty() {
        return Err("name cannot be empty".to_string());
    }
    Ok((prefix, name))
}

#[cfg(test)]
mod tests {
    use super::{Params, split_prefixed_name};

    fn error(flag: &str, text: &str) -> String {
        match Params::parse(flag, text).and_then(|p| p.finish()) {
            Err(err) => err.to_string(),
            Ok(()) => "ok".to_string(),
        }
    }

    #[test]
    fn splits_on_commas_and_the_first_colon_last_repeat_wins() {
        let mut params = Params::parse("gpu", "name:a,devicename:x:y,name:b").unwrap();
        assert_eq!(params.take("name"), "b");
        assert_eq!(params.take("devicename"), "x:y");
        assert_eq!(params.take("absent"), "");
        params.finish().unwrap();
    }

    #[test]
    fn malformed_values_use_upstream_words() {
        assert_eq!(
            error("gpu", ""),
            "failed to parse \"--gpu\" flag: params may not be empty"
        );
        assert_eq!(
            error("gpu", "name:a,oops"),
            "failed to parse \"--gpu\" flag: params need to have at least one colon: oops"
        );
        assert_eq!(
            error("gpu", "a:1,b:2"),
            "failed to parse \"--gpu\" flag: unknown param(s): a:1,b:2"
        );
    }

    #[test]
    fn typed_params_fail_with_upstream_words() {
        let mut params = Params::parse("volume-pvc", "bootorder:x,size:1Gi,h:a;b").unwrap();
        assert_eq!(
            params.uint("bootorder").unwrap_err().to_string(),
            "failed to parse \"--volume-pvc\" flag: failed to parse param \"bootorder\": strconv.ParseUint: parsing \"x\": invalid syntax"
        );
        assert_eq!(params.quantity("size").unwrap(), Some("1Gi".to_string()));
        assert_eq!(params.list("h"), Some(vec!["a".to_string(), "b".to_string()]));
        assert_eq!(params.uint("absent").unwrap(), None);
        let mut params = Params::parse("f", "bootorder:4294967296,size:2GB").unwrap();
        assert!(
            params
                .uint("bootorder")
                .unwrap_err()
                .to_string()
                .ends_with("value out of range")
        );
        assert!(
            params
                .quantity("size")
                .unwrap_err()
                .to_string()
                .contains("quantities must match")
        );
    }

    #[test]
    fn prefixed_names_have_at_most_one_slash_and_a_name() {
        assert_eq!(split_prefixed_name("a"), Ok(("", "a")));
        assert_eq!(split_prefixed_name("ns/a"), Ok(("ns", "a")));
        assert_eq!(
            split_prefixed_name("a/b/c"),
            Err("invalid count 2 of slashes in prefix/name".to_string())
        );
        assert_eq!(split_prefixed_name("ns/"), Err("name cannot be empty".to_string()));
    }
}
