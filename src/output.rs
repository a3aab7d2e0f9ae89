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

    /// Bytes on stdout exactly as given (an image, an archive).
    pub fn bytes(&self, bytes: &[u8]) -> Result<()> {
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(bytes)?;
        stdout.flush()?;
        Ok(())
    }

    /// Text on stderr exactly as given, with no newline added (upstream's `PrintErr`).
    pub fn note_raw(&self, text: impl AsRef<str>) {
        let mut stderr = std::io::stderr().lock();
        // Nothing useful can be done if stderr itself is gone.
        let _ = stderr.write_all(text.as_ref().as_bytes());
        let _ = stderr.flush();
    }

    /// A note or progress line on stderr.
    pub fn note(&self, text: impl AsRef<str>) {
        let mut stderr = std::io::stderr().lock();
        // Nothing useful can be done if stderr itself is gone.
        let _ = writeln!(stderr, "{}", text.as_ref());
    }
}

/// Columns aligned to their widest cell, separated by two spaces (kubectl's table style); the
/// last column is not padded.
pub fn table<R: AsRef<[String]>>(headers: &[&str], rows: &[R]) -> String {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (i, cell) in row.as_ref().iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(cell.chars().count());
            }
        }
    }
    let mut out = String::new();
    let mut line = |cells: Vec<&str>| {
        let last = cells.len().saturating_sub(1);
        let mut text = String::new();
        for (i, cell) in cells.iter().enumerate() {
            text.push_str(cell);
            if i < last {
                text.push_str(&" ".repeat(widths[i] - cell.chars().count() + 2));
            }
        }
        out.push_str(text.trim_end());
        out.push('\n');
    };
    line(headers.to_vec());
    for row in rows {
        line(row.as_ref().iter().map(String::as_str).collect());
    }
    out
}

/// A document as pretty JSON or YAML (`-o json|yaml`), with a final newline.
pub fn document(value: &serde_json::Value, yaml: bool) -> Result<String> {
    if yaml {
        return serde_saphyr::to_string(value)
            .map_err(|e| crate::error::Error::Other(format!("cannot render YAML: {e}")));
    }
    let mut text = serde_json::to_string_pretty(value).map_err(|e| crate::error::Error::Other(e.to_string()))?;
    text.push('\n');
    Ok(text)
}

/// The `-o table|json|yaml` flag of commands that print a report: a table for people, a JSON
/// or YAML document for programs.
#[derive(clap::Args, Debug, Clone)]
pub struct ReportFormat {
    /// Report format: table, json or yaml.
    #[arg(short = 'o', long, default_value = "table", value_parser = ["table", "json", "yaml"])]
    pub output: String,
}

impl ReportFormat {
    /// The report in the chosen format: `table()`, or `document()` as JSON or YAML.
    pub fn render(
        &self,
        table: impl FnOnce() -> String,
        document: impl FnOnce() -> Result<serde_json::Value>,
    ) -> Result<String> {
        match self.output.as_str() {
            "table" => Ok(table()),
            format => self::document(&document()?, format == "yaml"),
        }
    }
}

#[cfg(test)]
mod table_tests {
    #[test]
    fn columns_align() {
        let rows = vec![vec!["a".to_string(), "long value".to_string(), "x".to_string()]];
        assert_eq!(
            super::table(&["NAME", "V", "LAST"], &rows),
            "NAME  V           LAST\na     long value  x\n"
        );
    }
}
