//! Kubernetes resource quantities (`10Gi`, `500M`, `1.5e9`), parsed as the API server does
//! (image-upload's sizes) and printed back in its canonical form (`create` manifests).

/// apimachinery's message for a value it cannot read.
pub const QUANTITY_FORMAT: &str =
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/// The number of bytes a quantity stands for, rounded up to a whole byte.
pub fn parse_bytes(text: &str) -> Result<u128, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '+' || c == '-'))
        .unwrap_or(text.len());
    let (number, suffix) = text.split_at(split);
    let (negative, digits) = match number.as_bytes().first() {
        Some(b'-') => (true, &number[1..]),
        Some(b'+') => (false, &number[1..]),
        _ => (false, number),
    };
    if digits.is_empty() || digits.contains(['+', '-']) || digits.matches('.').count() > 1 || digits == "." {
        return Err(QUANTITY_FORMAT.to_string());
    }
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let mantissa: u128 =
        format!("{whole}{fraction}")
            .trim_start_matches('0')
            .parse()
            .or_else(|e: std::num::ParseIntError| {
                if e.kind() == &std::num::IntErrorKind::Empty {
                    Ok(0)
                } else {
                    Err(QUANTITY_FORMAT.to_string())
                }
            })?;
    // value = mantissa * 10^-fraction_digits * base^exp
    let (binary_power, decimal_exponent) = suffix_scale(suffix)?;
    if negative && mantissa != 0 {
        return Err("a size cannot be negative".to_string());
    }
    let mut numerator = mantissa
        .checked_mul(1u128 << binary_power)
        .ok_or("the quantity is too large")?;
    let mut denominator: u128 = 1;
    // In i64: an `e` suffix takes any i32, and the fraction's digits move it further.
    let exponent = i64::from(decimal_exponent) - fraction.len() as i64;
    if exponent >= 0 {
        numerator = numerator
            .checked_mul(power_of_ten(exponent).ok_or("the quantity is too large")?)
            .ok_or("the quantity is too large")?;
    } else {
        // Past 10^38 the denominator exceeds any numerator: a value between 0 and 1 byte.
        let Some(power) = power_of_ten(-exponent) else {
            return Ok(u128::from(numerator > 0));
        };
        denominator = power;
    }
    Ok(numerator.div_ceil(denominator))
}

/// (power of two, power of ten) of a suffix.
pub fn suffix_scale(suffix: &str) -> Result<(u32, i32), String> {
    let binary = |n: u32| Ok((10 * n, 0));
    let decimal = |n: i32| Ok((0, n));
    match suffix {
        "" => decimal(0),
        "Ki" => binary(1),
        "Mi" => binary(2),
        "Gi" => binary(3),
        "Ti" => binary(4),
        "Pi" => binary(5),
        "Ei" => binary(6),
        "n" => decimal(-9),
        "u" => decimal(-6),
        "m" => decimal(-3),
        "k" => decimal(3),
        "M" => decimal(6),
        "G" => decimal(9),
        "T" => decimal(12),
        "P" => decimal(15),
        "E" => decimal(18),
        s if s.starts_with(['e', 'E']) => s[1..]
            .parse::<i32>()
            .map(|e| (0, e))
            .map_err(|_| "unable to parse quantity's suffix".to_string()),
        _ => Err("unable to parse quantity's suffix".to_string()),
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Format {
    BinarySi,
    DecimalSi,
    DecimalExponent,
}

/// Kubernetes quantities as upstream's manifests print them: apimachinery parses the flag and
/// writes it back in canonical form (`1024Mi` → `1Gi`, `0.5Gi` → `512Mi`, `1.5G` → `1500M`),
/// keeping the family of the suffix given (binary, decimal SI or `e` exponent).
///
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
    let (binary_power, exponent) = suffix_scale(suffix)?;
    // In i64: an `e` suffix takes any i32, and the digits move it further either way.
    let mut exponent = i64::from(exponent);
    let format = match suffix.chars().next() {
        _ if binary_power > 0 => Format::BinarySi,
        // `E` alone is exa (decimal SI); the exponent form has digits after the letter.
        Some('e' | 'E') if suffix.len() > 1 => Format::DecimalExponent,
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
    exponent -= fraction.len() as i64;
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
    let number = power_of_ten(exponent - exponent3)
        .and_then(|scale| mantissa.checked_mul(scale))
        .ok_or_else(too_large)?;
    let suffix = match format {
        // Printed only when it reads back (apimachinery's exponent is an int32).
        Format::DecimalExponent if exponent3 != 0 => format!("e{}", i32::try_from(exponent3).map_err(|_| too_large())?),
        Format::DecimalExponent => String::new(),
        _ => decimal_suffix(exponent3).ok_or_else(too_large)?.to_string(),
    };
    Ok(format!("{sign}{number}{suffix}"))
}

/// `mantissa × 10^exponent` when it is a whole number that fits.
fn whole_number(mantissa: u128, exponent: i64) -> Option<u128> {
    if exponent >= 0 {
        return mantissa.checked_mul(power_of_ten(exponent)?);
    }
    let divisor = power_of_ten(-exponent)?;
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

/// `10^exponent` for a non-negative exponent, when a u128 holds it.
fn power_of_ten(exponent: i64) -> Option<u128> {
    10u128.checked_pow(u32::try_from(exponent).ok()?)
}

fn decimal_suffix(exponent: i64) -> Option<&'static str> {
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
    use super::*;

    #[test]
    fn common_sizes() {
        assert_eq!(parse_bytes("10Gi"), Ok(10 << 30));
        assert_eq!(parse_bytes("500Mi"), Ok(500 << 20));
        assert_eq!(parse_bytes("1.5Gi"), Ok(3 << 29));
        assert_eq!(parse_bytes("1G"), Ok(1_000_000_000));
        assert_eq!(parse_bytes("2e9"), Ok(2_000_000_000));
        assert_eq!(parse_bytes("1024"), Ok(1024));
        assert_eq!(parse_bytes("100m"), Ok(1));
        assert_eq!(parse_bytes("0"), Ok(0));
        assert_eq!(parse_bytes("+3k"), Ok(3000));
    }

    #[test]
    fn exponents_at_the_ends_of_i32_do_not_overflow() {
        // Found while writing the fuzz target: `e` takes any i32, and the fraction's digits
        // moved it past i32::MIN (a panic in debug builds, a wrong answer in release).
        for text in ["1e2147483647", "1.5e2147483647"] {
            assert!(parse_bytes(text).is_err(), "{text}");
        }
        assert_eq!(parse_bytes("0.5e-2147483648"), Ok(1));
    }

    #[test]
    fn tiny_quantities_round_up_to_one_byte_however_they_are_written() {
        // Found by the quantity fuzz target: `1E-37` was one byte, its canonical `100e-39` an
        // error (10^39 does not fit a u128).
        assert_eq!(parse_bytes("1E-37"), Ok(1));
        assert_eq!(parse_bytes("100e-39"), Ok(1));
        assert_eq!(parse_bytes("0e-2147483648"), Ok(0));
    }

    #[test]
    fn bad_quantities() {
        assert_eq!(parse_bytes("ten").unwrap_err(), QUANTITY_FORMAT);
        assert_eq!(parse_bytes("").unwrap_err(), QUANTITY_FORMAT);
        assert_eq!(parse_bytes("1.2.3Gi").unwrap_err(), QUANTITY_FORMAT);
        assert_eq!(parse_bytes("10GB").unwrap_err(), "unable to parse quantity's suffix");
        assert!(parse_bytes("-1Gi").is_err());
    }
}

#[cfg(test)]
mod canonical_tests {
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
    fn a_binary_quantity_of_no_whole_kib_prints_as_bytes_that_read_back_as_decimal_si() {
        // apimachinery: `1.5Ki` is 1536 bytes, printed without a suffix; a plain number is decimal
        // SI, so `832000` prints as `832k` (found by the `quantity` fuzz target).
        assert_eq!(canonical("812.5Ki").as_deref(), Ok("832000"));
        assert_eq!(canonical("832000").as_deref(), Ok("832k"));
        assert_eq!(canonical("832k").as_deref(), Ok("832k"));
        assert_eq!(canonical("1.5Ki").as_deref(), Ok("1536"));
    }

    #[test]
    fn canonical_forms_at_the_ends_of_i32_and_u128_are_errors_not_overflows() {
        // Found while writing the fuzz target: the exponent overflowed i32 (fraction digits
        // below i32::MIN, trailing zeros above i32::MAX), and a 39-digit mantissa times 100
        // overflowed u128.
        for text in [
            "0.5e-2147483648",
            "340282366920938463463374607431768211455e1",
            "3402823669209384634633746074317682115e2",
        ] {
            assert!(canonical(text).is_err(), "{text}");
        }
        // An exponent that still fits prints in a form that reads back to itself.
        let printed = canonical("10e2147483647").unwrap();
        assert_eq!(canonical(&printed).as_ref(), Ok(&printed));
    }

    #[test]
    fn exa_is_a_decimal_suffix_not_an_exponent() {
        // Found by the quantity fuzz target: `90E` (exa) printed back as `90e18`, so a canonical
        // form was not its own canonical form.
        assert_eq!(canonical("00090000000000000000000").as_deref(), Ok("90E"));
        assert_eq!(canonical("90E").as_deref(), Ok("90E"));
        assert_eq!(canonical("0666006000P").as_deref(), Ok("666006E"));
        assert_eq!(canonical("9E3").as_deref(), Ok("9e3"));
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
