//! `pow`, the one libm function the tree calls (indicatif's rate estimate), defined here on
//! Linux/glibc so that the linker (`--as-needed`) leaves libm out and no run loads it: loading
//! it cost 0.085 ms of every start-up's CPU (BENCHMARKS.md, "Start-up: two shared libraries
//! fewer"). The build script links the unwinder statically for the same reason. Should another
//! libm function be called one day, libm is linked again and nothing breaks.

/// C's `pow`, computed by the `libm` crate (a port of musl's, the Rust project's own).
#[unsafe(no_mangle)]
pub extern "C" fn pow(x: f64, y: f64) -> f64 {
    libm::pow(x, y)
}

#[cfg(test)]
mod tests {
    #[test]
    fn pow_is_c_pow() {
        assert_eq!(super::pow(2.0, 10.0), 1024.0);
        assert_eq!(super::pow(9.0, 0.5), 3.0);
        assert!((super::pow(0.1, 1.5) - 0.031_622_776_601_683_79).abs() < 1e-15);
        assert!(super::pow(-1.0, 0.5).is_nan());
    }
}
