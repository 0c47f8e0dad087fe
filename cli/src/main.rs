//! `shared-platform`: the command line of Shared Platform Core.

mod authz;
mod demo;
mod redact;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use shared_platform_core::{EngineConfig, LogFormat, PlatformError, logging};

/// Shared Platform Core: rate limiting, redaction, authorization, notifications and analytics
/// in one embedded engine.
#[derive(Debug, Parser)]
#[command(name = "shared-platform", version, about, long_about = None)]
struct Cli {
    /// Log format on stderr: text or json.
    #[arg(long, global = true, default_value = "text")]
    log_format: String,
    /// Log filter (RUST_LOG syntax), e.g. `info` or `shared_platform_core=debug`.
    #[arg(long, global = true, default_value = "warn")]
    log_level: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Runs a short scripted walkthrough of the engine on the embedded default.
    Demo(demo::DemoArgs),
    /// A log filter: reads lines on stdin, writes them with PII and secrets redacted.
    Redact(redact::RedactArgs),
    /// Authorization tools.
    #[command(subcommand)]
    Authz(AuthzCommand),
}

#[derive(Debug, Subcommand)]
enum AuthzCommand {
    /// Runs a store test file in the OpenFGA CLI's `fga model test` format; ends with
    /// `N passed, M failed`.
    Test {
        /// The `.fga.yaml` test file.
        file: PathBuf,
    },
}

fn init_logging(cli: &Cli) -> Result<(), PlatformError> {
    let format: LogFormat = cli.log_format.parse()?;
    logging::init_logging(format, &cli.log_level)
}

fn report(err: &PlatformError) -> ExitCode {
    eprintln!("error: {err}");
    if let Some(field) = err.field() {
        eprintln!("  setting/field: {field}");
    }
    ExitCode::from(2)
}

fn authz_test(file: &Path) -> ExitCode {
    match authz::run_authz_test(file, &mut std::io::stdout().lock()) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Err(err) = init_logging(&cli) {
        return report(&err);
    }
    match &cli.command {
        Command::Demo(args) => match EngineConfig::from_env().and_then(|config| demo::run(args, config)) {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => report(&err),
        },
        Command::Redact(args) => redact::run(args),
        Command::Authz(AuthzCommand::Test { file }) => authz_test(file),
    }
}
