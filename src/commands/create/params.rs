//! The `key:value[,key:value…]` syntax of the create commands' multi-parameter flags (`--gpu`,
//! `--hostdevice`, and later `create vm`'s `--volume-*`), and the `failed to parse "--flag"
//! flag: …` wording every create command wraps its flag errors in.

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

#[cfg(test)]
mod tests {
    use super::Params;

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
}
