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

/// A Go duration (`300ms`, `1.5h`, `2h45m`) or, as kubectl's `--request-timeout` also takes, a
/// bare number of seconds.
pub fn parse_duration(value: &str) -> Result<Duration, String> {
    let value = value.trim();
    let invalid = || format!("invalid duration {value:?}");
    if let Ok(seconds) = value.parse::<u64>() {
        return within_go_range(seconds as f64).ok_or_else(invalid);
    }
    let mut rest = value;
    let mut total = 0f64;
    if rest.is_empty() {
        return Err(invalid());
    }
    while !rest.is_empty() {
        let number_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .ok_or_else(|| format!("missing unit in duration {value:?}"))?;
        let number: f64 = rest[..number_len].parse().map_err(|_| invalid())?;
        rest = &rest[number_len..];
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let seconds_per_unit = match &rest[..unit_len] {
            "ns" => 1e-9,
            "us" | "µs" => 1e-6,
            "ms" => 1e-3,
            "s" => 1.0,
            "m" => 60.0,
            "h" => 3600.0,
            unit => return Err(format!("unknown unit {unit:?} in duration {value:?}")),
        };
        total += number * seconds_per_unit;
        rest = &rest[unit_len..];
    }
    within_go_range(total).ok_or_else(invalid)
}

/// `seconds` as a duration if Go's `time.Duration` (int64 nanoseconds, about 292 years) holds
/// it; Go rejects longer ones as invalid, and so nothing later overflows adding one to a clock.
fn within_go_range(seconds: f64) -> Option<Duration> {
    const GO_MAX_SECONDS: f64 = i64::MAX as f64 / 1e9;
    (seconds.is_finite() && seconds <= GO_MAX_SECONDS).then(|| Duration::from_secs_f64(seconds))
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

/// The radix and digits of an unsigned integer as Go's `strconv.Parse*(s, 0, ...)` reads it:
/// `0x`/`0o`/`0b` prefixes, and a leading `0` for octal.
pub fn go_int_radix(text: &str) -> (u32, &str) {
    match text.get(..2) {
        Some("0x" | "0X") => (16, &text[2..]),
        Some("0o" | "0O") => (8, &text[2..]),
        Some("0b" | "0B") => (2, &text[2..]),
        _ if text.len() > 1 && text.starts_with('0') => (8, &text[1..]),
        _ => (10, text),
    }
}

/// Go's wording (`os.PathError`'s inner text) for the usual file errors.
pub fn io_error_text(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::IsADirectory => "is a directory".into(),
        _ => err.to_string(),
    }
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
