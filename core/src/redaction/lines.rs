//! The streaming line redactor: reads lines, writes them redacted, in bounded memory. Lines
//! longer than the policy's input limit are replaced by a marker (never passed through), lines
//! that are not UTF-8 are read lossily, and in JSON mode lines that do not parse are redacted as
//! text.

use std::io::{BufRead, Read, Write};

use serde::{Deserialize, Serialize};

use super::compiled::CompiledPolicy;
use crate::error::{ErrorCode, PlatformError, Result};

/// What [`CompiledPolicy::redact_lines`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineStats {
    /// Lines read.
    pub lines: u64,
    /// Lines that had at least one finding.
    pub redacted_lines: u64,
    /// Findings in all lines.
    pub findings: u64,
    /// Lines replaced whole because they exceeded the input limit.
    pub oversized_lines: u64,
}

/// The marker written instead of a line longer than the input limit.
pub const OVERSIZED_LINE: &str = "[REDACTED: line exceeds the redaction input limit]";

fn io_error(err: std::io::Error) -> PlatformError {
    PlatformError::new(ErrorCode::Unavailable, "cannot read or write the log stream").with_detail(err.to_string())
}

impl CompiledPolicy {
    /// Redacts one line (without its terminator); `json` parses it as a JSON value first.
    /// Returns the line and the number of findings.
    pub fn redact_line(&self, line: &str, json: bool) -> Result<(String, usize)> {
        if json {
            if let Ok(value) = serde_json::from_str::<serde_json::Value>(line) {
                let redacted = self.redact_json(value)?;
                let text =
                    serde_json::to_string(&redacted.value).map_err(|e| PlatformError::internal(e.to_string()))?;
                return Ok((text, redacted.findings.len()));
            }
        }
        let redacted = self.redact(line)?;
        Ok((redacted.text, redacted.findings.len()))
    }

    /// Redacts one log line (without its terminator) the way [`CompiledPolicy::redact_lines`]
    /// does: in JSON mode a value too deep or too large is redacted as text, and a line too large
    /// even for that becomes [`OVERSIZED_LINE`]. Returns the line and the number of findings.
    pub fn redact_log_line(&self, line: &str, json: bool) -> Result<(String, usize)> {
        match self.redact_line(line, json) {
            Ok(done) => Ok(done),
            Err(err) if matches!(err.code(), ErrorCode::InputTooLarge | ErrorCode::NestingTooDeep) => {
                Ok(self.redact(line).map_or_else(|_| (OVERSIZED_LINE.to_owned(), 0), |r| (r.text, r.findings.len())))
            }
            Err(err) => Err(err),
        }
    }

    /// Copies `input` to `output` line by line, redacted (a log filter). `max_line` bounds the
    /// memory used per line (at most the policy's input limit).
    pub fn redact_lines(
        &self,
        mut input: impl BufRead,
        mut output: impl Write,
        json: bool,
        max_line: usize,
    ) -> Result<LineStats> {
        let mut stats = LineStats::default();
        let mut buf = Vec::with_capacity(4096);
        loop {
            buf.clear();
            let read = (&mut input).take(max_line as u64 + 1).read_until(b'\n', &mut buf).map_err(io_error)?;
            if read == 0 {
                break;
            }
            stats.lines += 1;
            let terminated = buf.last() == Some(&b'\n');
            if !terminated && buf.len() > max_line {
                skip_rest_of_line(&mut input)?;
                stats.oversized_lines += 1;
                writeln!(output, "{OVERSIZED_LINE}").map_err(io_error)?;
                continue;
            }
            let body = strip_terminator(&buf);
            let text = String::from_utf8_lossy(body);
            let (line, found) = self.redact_log_line(&text, json)?;
            stats.findings += found as u64;
            stats.redacted_lines += u64::from(found > 0);
            output.write_all(line.as_bytes()).map_err(io_error)?;
            output.write_all(&buf[body.len()..]).map_err(io_error)?;
        }
        output.flush().map_err(io_error)?;
        Ok(stats)
    }
}

fn strip_terminator(buf: &[u8]) -> &[u8] {
    let mut end = buf.len();
    if end > 0 && buf[end - 1] == b'\n' {
        end -= 1;
        if end > 0 && buf[end - 1] == b'\r' {
            end -= 1;
        }
    }
    &buf[..end]
}

fn skip_rest_of_line(input: &mut impl BufRead) -> Result<()> {
    loop {
        let chunk = input.fill_buf().map_err(io_error)?;
        if chunk.is_empty() {
            return Ok(());
        }
        match memchr::memchr(b'\n', chunk) {
            Some(i) => {
                input.consume(i + 1);
                return Ok(());
            }
            None => {
                let n = chunk.len();
                input.consume(n);
            }
        }
    }
}
