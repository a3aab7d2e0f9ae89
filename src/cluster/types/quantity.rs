//! Kubernetes resource quantities (`10Gi`, `500M`, `1.5e9`), parsed as the API server does,
//! for the sizes virtctl compares against images before anything is sent.

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
    let exponent = decimal_exponent - fraction.len() as i32;
    if exponent >= 0 {
        numerator = numerator
            .checked_mul(10u128.checked_pow(exponent as u32).ok_or("the quantity is too large")?)
            .ok_or("the quantity is too large")?;
    } else {
        denominator = 10u128
            .checked_pow((-exponent) as u32)
            .ok_or("the quantity is too precise")?;
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
    fn bad_quantities() {
        assert_eq!(parse_bytes("ten").unwrap_err(), QUANTITY_FORMAT);
        assert_eq!(parse_bytes("").unwrap_err(), QUANTITY_FORMAT);
        assert_eq!(parse_bytes("1.2.3Gi").unwrap_err(), QUANTITY_FORMAT);
        assert_eq!(parse_bytes("10GB").unwrap_err(), "unable to parse quantity's suffix");
        assert!(parse_bytes("-1Gi").is_err());
    }
}
