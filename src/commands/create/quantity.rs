//! Kubernetes quantities as upstream's manifests print them: apimachinery parses the flag and
//! writes it back in canonical form (`1024Mi` → `1Gi`, `0.5Gi` → `512Mi`, `1.5G` → `1500M`),
//! keeping the family of the suffix given (binary, decimal SI or `e` exponent).

use crate::cluster::types::quantity::{QUANTITY_FORMAT, suffix_scale};

#[derive(Clone, Copy, PartialEq)]
enum Format {
    BinarySi,
    DecimalSi,
    DecimalExponent,
}

/// The canonical text of `text`, or apimachinery's parse error.
pub fn canonical(text: &str) -> Result<String, String> {
    let (negative, rest) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let number_end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(rest.len());
    let (number, suffix) = rest.split_at(number_end);
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    let wrong_format = || QUANTITY_FORMAT.to_string();
    if whole.is_empty() && fraction.is_empty() || fraction.contains('.') {
        return Err(wrong_format());
    }
    if !suffix
        .chars()
        .all(|c| "eEinumkKMGTP+-".contains(c) || c.is_ascii_digit())
    {
        return Err(wrong_format());
    }
    let (binary_power, mut exponent) = suffix_scale(suffix)?;
    let format = match suffix.chars().next() {
        _ if binary_power > 0 => Format::BinarySi,
        Some('e' | 'E') => Format::DecimalExponent,
        _ => Format::DecimalSi,
    };
    let too_large = || "the quantity is too large".to_string();
    let mut mantissa: u128 = format!("{whole}{fraction}")
        .trim_start_matches('0')
        .parse()
        .or_else(|_| {
            if whole.trim_start_matches('0').is_empty() && fraction.trim_start_matches('0').is_empty() {
                Ok(0)
            } else {
                Err(too_large())
            }
        })?;
    exponent -= fraction.len() as i32;
    mantissa = mantissa.checked_mul(1u128 << binary_power).ok_or_else(too_large)?;
    let sign = if negative && mantissa != 0 { "-" } else { "" };
    if mantissa == 0 {
        return Ok("0".to_string());
    }
    // Trailing zeros move into the exponent, so the mantissa is as small as it can be.
    while mantissa.is_multiple_of(10) {
        mantissa /= 10;
        exponent += 1;
    }
    if format == Format::BinarySi
        && let Some(bytes) = whole_number(mantissa, exponent)
        && bytes >= 1024
    {
        return Ok(format!("{sign}{}", binary_text(bytes)));
    }
    // Decimal: the exponent goes down to a multiple of three, the mantissa takes up the rest.
    let exponent3 = exponent.div_euclid(3) * 3;
    let number = mantissa * 10u128.pow((exponent - exponent3) as u32);
    let suffix = match format {
        Format::DecimalExponent if exponent3 != 0 => format!("e{exponent3}"),
        Format::DecimalExponent => String::new(),
        _ => decimal_suffix(exponent3).ok_or_else(too_large)?.to_string(),
    };
    Ok(format!("{sign}{number}{suffix}"))
}

/// `mantissa × 10^exponent` when it is a whole number that fits.
fn whole_number(mantissa: u128, exponent: i32) -> Option<u128> {
    if exponent >= 0 {
        return mantissa.checked_mul(10u128.checked_pow(exponent as u32)?);
    }
    let divisor = 10u128.checked_pow((-exponent) as u32)?;
    mantissa.is_multiple_of(divisor).then(|| mantissa / divisor)
}

/// Whole bytes with the largest binary suffix that divides them.
fn binary_text(mut bytes: u128) -> String {
    const SUFFIXES: [&str; 7] = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];
    let mut power = 0;
    while power < 6 && bytes.is_multiple_of(1024) {
        bytes /= 1024;
        power += 1;
    }
    format!("{bytes}{}", SUFFIXES[power])
}

fn decimal_suffix(exponent: i32) -> Option<&'static str> {
    Some(match exponent {
        -9 => "n",
        -6 => "u",
        -3 => "m",
        0 => "",
        3 => "k",
        6 => "M",
        9 => "G",
        12 => "T",
        15 => "P",
        18 => "E",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::canonical;

    #[test]
    fn quantities_print_in_apimachinery_canonical_form() {
        for (given, printed) in [
            ("1024Mi", "1Gi"),
            ("0.5Gi", "512Mi"),
            ("1536Mi", "1536Mi"),
            ("1.5G", "1500M"),
            ("2048", "2048"),
            ("1000", "1k"),
            ("4Gi", "4Gi"),
            ("512Mi", "512Mi"),
            ("100Ki", "100Ki"),
            ("0.5Ki", "512"),
            ("0", "0"),
            ("1e3", "1e3"),
            ("0.5", "500m"),
            ("-1Gi", "-1Gi"),
        ] {
            assert_eq!(canonical(given).as_deref(), Ok(printed), "{given}");
        }
    }

    #[test]
    fn bad_quantities_use_apimachinery_words() {
        assert_eq!(
            canonical("x").unwrap_err(),
            "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
        );
        assert_eq!(
            canonical("1Gx").unwrap_err(),
            "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
        );
        assert_eq!(canonical("1KM").unwrap_err(), "unable to parse quantity's suffix");
    }
}
