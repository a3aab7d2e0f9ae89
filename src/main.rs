//! virtctl: everything happens in the library ([`virtctl::main_entry`]); the binary only calls
//! it, so that the fuzz targets in `fuzz/` can link the same code.

fn main() -> std::process::ExitCode {
    virtctl::main_entry()
}
