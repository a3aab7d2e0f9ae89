//! List paging as the apiserver does it: `limit` cuts the list, `metadata.continue` carries an
//! opaque token for the rest (here: the resourceVersion of the first page and an offset).

use serde_json::Value;

use crate::status::ApiError;

/// Cuts `items` to one page; returns the page and the continue token, if more remain.
pub fn page(
    items: Vec<Value>,
    rv: &str,
    limit: Option<&str>,
    token: Option<&str>,
) -> Result<(Vec<Value>, Option<String>), ApiError> {
    let start = match token.filter(|t| !t.is_empty()) {
        None => 0,
        Some(t) => t
            .strip_prefix("sim:")
            .and_then(|r| r.split_once(':'))
            .and_then(|(_, off)| off.parse::<usize>().ok())
            .ok_or_else(|| ApiError::bad_request(format!("invalid continue token {t:?}")))?,
    };
    let limit = limit.and_then(|l| l.parse::<usize>().ok()).filter(|l| *l > 0);
    let total = items.len();
    let Some(limit) = limit else {
        return Ok((items.into_iter().skip(start).collect(), None));
    };
    let end = (start + limit).min(total);
    let page = items.into_iter().skip(start).take(end - start.min(end)).collect();
    let token = (end < total).then(|| format!("sim:{rv}:{end}"));
    Ok((page, token))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn pages_cover_the_list_once() {
        let items: Vec<Value> = (0..7).map(|i| json!(i)).collect();
        let (p1, t1) = page(items.clone(), "5", Some("3"), None).unwrap();
        assert_eq!(p1, vec![json!(0), json!(1), json!(2)]);
        let (p2, t2) = page(items.clone(), "5", Some("3"), t1.as_deref()).unwrap();
        assert_eq!(p2.len(), 3);
        let (p3, t3) = page(items.clone(), "5", Some("3"), t2.as_deref()).unwrap();
        assert_eq!(p3, vec![json!(6)]);
        assert!(t3.is_none());
        assert!(page(items, "5", Some("3"), Some("bogus")).is_err());
    }
}
