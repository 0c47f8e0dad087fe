//! `shared-platform redact`: a log filter. Reads lines from stdin and writes them redacted to
//! stdout (`--json`: each line is a JSON value, redacted by field name and content; lines that
//! are not JSON are redacted as text). Lines longer than the policy's input limit are replaced by
//! a marker, never passed through. A summary goes to stderr with `--stats`.

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use shared_platform_core::redaction::LineStats;
use shared_platform_core::{Engine, EngineConfig, PlatformError};

/// Options of `shared-platform redact`.
#[derive(Debug, Clone, Args)]
pub struct RedactArgs {
    /// Treat each line as a JSON value (sensitive fields by name, then strings by content).
    #[arg(long)]
    pub json: bool,
    /// Apply this tenant's policy (default: the platform policy).
    #[arg(long)]
    pub tenant: Option<String>,
    /// SQLite file holding the redaction policies (default: built-in policy only).
    #[arg(long)]
    pub database: Option<PathBuf>,
    /// Print line and finding counts to stderr at the end.
    #[arg(long)]
    pub stats: bool,
}

/// Runs the filter over stdin/stdout; errors are printed to stderr with their code.
pub fn run(args: &RedactArgs) -> ExitCode {
    match filter(args) {
        Ok(stats) => {
            if args.stats {
                eprintln!(
                    "lines={} redacted_lines={} findings={} oversized_lines={}",
                    stats.lines, stats.redacted_lines, stats.findings, stats.oversized_lines
                );
            }
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error {}: {}", err.code(), err.user_message());
            ExitCode::FAILURE
        }
    }
}

fn filter(args: &RedactArgs) -> Result<LineStats, PlatformError> {
    let engine = match &args.database {
        Some(path) => Engine::new(EngineConfig::builder().sqlite_path(path).build()?)?,
        None => Engine::in_memory()?,
    };
    let scope = match &args.tenant {
        Some(tenant) => engine.tenant(tenant)?,
        None => engine.platform()?,
    };
    let mut output = BufWriter::new(std::io::stdout().lock());
    let stats = scope.redaction()?.redact_lines(std::io::stdin().lock(), &mut output, args.json)?;
    output.flush().map_err(|e| PlatformError::internal(format!("cannot write stdout: {e}")))?;
    Ok(stats)
}
