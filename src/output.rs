//! Where everything the user sees goes: results on stdout, notes and errors on stderr.
//! Commands print only through [`Output`], so a closed pipe ends the program quietly.

use std::io::Write;

use crate::error::Result;

#[derive(Debug, Default, Clone, Copy)]
pub struct Output;

impl Output {
    /// A result line on stdout.
    pub fn line(&self, text: impl AsRef<str>) -> Result<()> {
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(text.as_ref().as_bytes())?;
        stdout.write_all(b"\n")?;
        stdout.flush()?;
        Ok(())
    }

    /// Text on stdout exactly as given (it carries its own newlines).
    pub fn raw(&self, text: impl AsRef<str>) -> Result<()> {
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(text.as_ref().as_bytes())?;
        stdout.flush()?;
        Ok(())
    }

    /// A note or progress line on stderr.
    pub fn note(&self, text: impl AsRef<str>) {
        let mut stderr = std::io::stderr().lock();
        // Nothing useful can be done if stderr itself is gone.
        let _ = writeln!(stderr, "{}", text.as_ref());
    }
}
