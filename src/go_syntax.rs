//! Go's value syntaxes, which upstream's flags and environment variables take through pflag and
//! the Go standard library, parsed and printed the same way here: booleans (`--dry-run=false`),
//! `stringToString` maps (`--addedNodeSelector k=v,k2=v2`) and durations (`--timeout 90s`,
//! `VIRTCTL_WEBSOCKET_PING_INTERVAL=30s`, `1m30s` in messages). A leaf: it imports nothing of ours.

use std::time::Duration;

/// Go's `strconv.ParseBool`: what pflag accepts after `--flag=`.
pub fn parse_go_bool(value: &str) -> Result<bool, String> {
    match value {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Ok(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Ok(false),
        _ => Err(format!("strconv.ParseBool: parsing {value:?}: invalid syntax")),
    }
}

/// One occurrence of a pflag `stringToString` flag: a single `k=v` taken verbatim, or a
/// comma-separated record of `k=v` pairs.
pub fn parse_string_to_string(value: &str) -> Result<Vec<(String, String)>, String> {
    let value = value.trim_matches('"');
    if value.is_empty() {
        return Ok(Vec::new());
    }
    let fields: Vec<&str> = if value.matches('=').count() == 1 {
        vec![value]
    } else {
        value.split(',').collect()
    };
    fields
        .into_iter()
        .map(|field| {
            field
                .split_once('=')
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .ok_or_else(|| format!("{field} must be formatted as key=value"))
        })
        .collect()
}

/// Merges repeated `stringToString` occurrences; later keys win, first-seen order is kept.
pub fn merge_string_maps(occurrences: &[Vec<(String, String)>]) -> Vec<(String, String)> {
    let mut merged: Vec<(String, String)> = Vec::new();
    for (key, value) in occurrences.iter().flatten() {
        match merged.iter_mut().find(|(k, _)| k == key) {
            Some(entry) => entry.1 = value.clone(),
            None => merged.push((key.clone(), value.clone())),
        }
    }
    merged
}

/// Go's wording (`syscall.Errno`) for the usual file errors, as in `open X: no such file or
/// directory`.
pub fn io_error_text(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::IsADirectory => "is a directory".into(),
        _ => err.to_string(),
    }
}

/// A Go duration (`300ms`, `1.5h`, `2h45m`) or, as kubectl's `--request-timeout` also takes, a
/// bare number of seconds. Go's `time.ParseDuration` arithmetic: whole numbers exact in
/// nanoseconds, a fraction scaled as a float and truncated, anything past Go's `time.Duration`
/// (int64 nanoseconds, about 292 years) invalid, so nothing later overflows adding one to a clock.
pub fn parse_duration(value: &str) -> Result<Duration, String> {
    let value = value.trim();
    let invalid = || format!("invalid duration {value:?}");
    if let Ok(seconds) = value.parse::<u64>() {
        return within_go_range(seconds.checked_mul(NANOS_PER_SECOND))
            .map(Duration::from_nanos)
            .ok_or_else(invalid);
    }
    if value.is_empty() {
        return Err(invalid());
    }
    let mut rest = value;
    let mut total: u64 = 0;
    while !rest.is_empty() {
        let (nanos, after) = duration_term(rest, value)?;
        total = within_go_range(total.checked_add(nanos)).ok_or_else(invalid)?;
        rest = after;
    }
    Ok(Duration::from_nanos(total))
}

const NANOS_PER_SECOND: u64 = 1_000_000_000;

/// Nanoseconds when Go's `time.Duration` holds them.
fn within_go_range(nanos: Option<u64>) -> Option<u64> {
    nanos.filter(|n| *n <= i64::MAX as u64)
}

/// One `NUMBER UNIT` term at the start of `text` (`1.5h`), in nanoseconds, and the text after it.
fn duration_term<'a>(text: &'a str, value: &str) -> Result<(u64, &'a str), String> {
    let invalid = || format!("invalid duration {value:?}");
    let digits = |s: &str| s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let (whole, rest) = text.split_at(digits(text));
    let (fraction, rest) = match rest.strip_prefix('.') {
        Some(after_dot) => after_dot.split_at(digits(after_dot)),
        None => ("", rest),
    };
    if whole.is_empty() && fraction.is_empty() {
        return Err(invalid());
    }
    let unit_len = rest
        .find(|c: char| c.is_ascii_digit() || c == '.')
        .unwrap_or(rest.len());
    if unit_len == 0 {
        return Err(format!("missing unit in duration {value:?}"));
    }
    let (unit, rest) = rest.split_at(unit_len);
    let unit_nanos: u64 = match unit {
        "ns" => 1,
        // U+00B5 (micro sign) and U+03BC (Greek mu), as Go takes both.
        "us" | "\u{b5}s" | "\u{3bc}s" => 1_000,
        "ms" => 1_000_000,
        "s" => NANOS_PER_SECOND,
        "m" => 60 * NANOS_PER_SECOND,
        "h" => 3600 * NANOS_PER_SECOND,
        unit => return Err(format!("unknown unit {unit:?} in duration {value:?}")),
    };
    let whole: u64 = match whole {
        "" => 0,
        digits => digits.parse().map_err(|_| invalid())?,
    };
    let mut nanos = within_go_range(whole.checked_mul(unit_nanos)).ok_or_else(invalid)?;
    let (numerator, scale) = leading_fraction(fraction);
    if numerator > 0 {
        // Go's float step: exact for the fractions a person writes, truncated past them.
        let part = (numerator as f64 * (unit_nanos as f64 / scale)) as u64;
        nanos = within_go_range(nanos.checked_add(part)).ok_or_else(invalid)?;
    }
    Ok((nanos, rest))
}

/// Go's `leadingFraction`: the fraction's digits as an integer and the power of ten that scales
/// it, digits past what an int64 holds dropped.
fn leading_fraction(digits: &str) -> (u64, f64) {
    let mut value: u64 = 0;
    let mut scale = 1.0;
    for digit in digits.bytes().map(|b| u64::from(b - b'0')) {
        match value.checked_mul(10).and_then(|v| v.checked_add(digit)) {
            Some(next) if next <= i64::MAX as u64 => {
                value = next;
                scale *= 10.0;
            }
            _ => break,
        }
    }
    (value, scale)
}

/// A duration the way Go's `time.Duration.String` writes it (`500ms`, `1.5s`, `1m30s`, `1h0m0s`),
/// so messages echo durations in the syntax the flags take.
pub fn format_duration(d: Duration) -> String {
    if d < Duration::from_secs(1) {
        let nanos = d.as_nanos();
        return match nanos {
            0 => "0s".into(),
            1..1_000 => format!("{nanos}ns"),
            1_000..1_000_000 => format!("{}µs", decimal(nanos, 1_000)),
            _ => format!("{}ms", decimal(nanos, 1_000_000)),
        };
    }
    let total = d.as_secs();
    let (hours, minutes, seconds) = (total / 3600, total / 60 % 60, total % 60);
    let seconds = decimal(
        u128::from(seconds) * 1_000_000_000 + u128::from(d.subsec_nanos()),
        1_000_000_000,
    );
    match (hours, minutes) {
        (0, 0) => format!("{seconds}s"),
        (0, _) => format!("{minutes}m{seconds}s"),
        _ => format!("{hours}h{minutes}m{seconds}s"),
    }
}

/// `value / unit` with the fraction's trailing zeros dropped, as Go prints it.
fn decimal(value: u128, unit: u128) -> String {
    let (whole, fraction) = (value / unit, value % unit);
    if fraction == 0 {
        return whole.to_string();
    }
    let width = unit.ilog10() as usize;
    let fraction = format!("{fraction:0width$}");
    format!("{whole}.{}", fraction.trim_end_matches('0'))
}

/// Go's base-0 integer (optional sign when `signed`, then decimal, `0x`, `0o`, `0b` or
/// leading-zero octal digits); `function` names the strconv function in the error.
pub fn parse_go_integer(text: &str, function: &str, signed: bool) -> std::result::Result<i128, String> {
    let Some((negative, radix, digits)) = go_int_syntax(text, signed) else {
        return Err(format!(
            "strconv.{function}: parsing {}: invalid syntax",
            crate::error::go_quote(text)
        ));
    };
    let magnitude = i128::from_str_radix(digits, radix).map_err(|_| go_range_error(function, text))?;
    Ok(if negative { -magnitude } else { magnitude })
}

/// The sign, radix and digits of a Go base-0 integer, or `None` when `text` is not one.
pub fn go_int_syntax(text: &str, signed: bool) -> Option<(bool, u32, &str)> {
    let (negative, unsigned) = match text.as_bytes().first() {
        Some(b'-') if signed => (true, &text[1..]),
        Some(b'+') if signed => (false, &text[1..]),
        _ => (false, text),
    };
    let (radix, digits) = match unsigned.get(..2) {
        Some("0x" | "0X") => (16, &unsigned[2..]),
        Some("0o" | "0O") => (8, &unsigned[2..]),
        Some("0b" | "0B") => (2, &unsigned[2..]),
        _ if unsigned.len() > 1 && unsigned.starts_with('0') => (8, &unsigned[1..]),
        _ => (10, unsigned),
    };
    let valid = !digits.is_empty() && digits.chars().all(|c| c.is_digit(radix));
    valid.then_some((negative, radix, digits))
}

pub fn go_range_error(function: &str, text: &str) -> String {
    format!(
        "strconv.{function}: parsing {}: value out of range",
        crate::error::go_quote(text)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_print_as_go_does() {
        let cases = [
            (Duration::ZERO, "0s"),
            (Duration::from_nanos(1500), "1.5µs"),
            (Duration::from_millis(300), "300ms"),
            (Duration::from_millis(1500), "1.5s"),
            (Duration::from_secs(60), "1m0s"),
            (Duration::from_secs(90), "1m30s"),
            (Duration::from_secs(3600), "1h0m0s"),
            (Duration::from_millis(7_384_250), "2h3m4.25s"),
        ];
        for (duration, text) in cases {
            assert_eq!(format_duration(duration), text);
            assert_eq!(parse_duration(text).unwrap(), duration, "{text} round-trips");
        }
    }

    #[test]
    fn go_bools() {
        assert_eq!(parse_go_bool("True"), Ok(true));
        assert_eq!(parse_go_bool("0"), Ok(false));
        assert!(parse_go_bool("yes").is_err());
    }

    #[test]
    fn string_to_string_single_pair_is_verbatim() {
        assert_eq!(
            parse_string_to_string("zone=a,b").unwrap(),
            vec![("zone".to_string(), "a,b".to_string())]
        );
    }

    #[test]
    fn string_to_string_csv_record() {
        assert_eq!(
            parse_string_to_string("kubernetes.io/hostname=node02,zone=a").unwrap(),
            vec![
                ("kubernetes.io/hostname".to_string(), "node02".to_string()),
                ("zone".to_string(), "a".to_string())
            ]
        );
        assert_eq!(
            parse_string_to_string("a=1,b=2,c").unwrap_err(),
            "c must be formatted as key=value"
        );
    }

    #[test]
    fn string_maps_merge_later_wins() {
        let merged = merge_string_maps(&[
            vec![("a".into(), "1".into()), ("b".into(), "2".into())],
            vec![("a".into(), "3".into())],
        ]);
        assert_eq!(merged, vec![("a".into(), "3".into()), ("b".into(), "2".into())]);
    }

    #[test]
    fn durations_past_gos_range_are_invalid_not_a_panic() {
        for value in ["6000000000000000h", "18446744073709551615", "9223372037s", "1e400h"] {
            assert!(parse_duration(value).is_err(), "{value}");
        }
        assert_eq!(
            parse_duration("2562047h").unwrap(),
            Duration::from_secs(2_562_047 * 3600)
        );
    }

    #[test]
    fn durations_read_back_to_the_nanosecond_as_in_go() {
        // Found while seeding the fuzz target: floating-point seconds lost the nanoseconds of
        // long durations, so a printed duration did not read back to itself, and one
        // nanosecond past Go's range was accepted.
        let longest = Duration::new(9_223_372_036, 854_775_807);
        assert_eq!(format_duration(longest), "2562047h47m16.854775807s");
        assert_eq!(parse_duration("2562047h47m16.854775807s"), Ok(longest));
        assert!(parse_duration("2562047h47m16.854775808s").is_err());
        assert_eq!(parse_duration("1h0.000000001s"), Ok(Duration::new(3600, 1)));
        // Go's fraction step: digits past nanoseconds are truncated, not rounded.
        assert_eq!(parse_duration("1.9999999999s"), Ok(Duration::new(1, 999_999_999)));
        assert_eq!(parse_duration("1\u{3bc}s"), Ok(Duration::from_micros(1)));
        assert_eq!(
            parse_duration("1.5.3s"),
            Err("missing unit in duration \"1.5.3s\"".into())
        );
        assert!(parse_duration(".s").is_err());
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("0"), Ok(Duration::ZERO));
        assert_eq!(parse_duration("90"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("1m30s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("250ms"), Ok(Duration::from_millis(250)));
        assert_eq!(parse_duration("1.5h"), Ok(Duration::from_secs(5400)));
        assert!(parse_duration("5").is_ok());
        assert!(parse_duration("5x").is_err());
        assert!(parse_duration("s").is_err());
        assert!(parse_duration("").is_err());
    }
}
