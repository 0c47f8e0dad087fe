//! `shared-platform`: the command line of Shared Platform Core.

mod demo;

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
}

fn run(cli: Cli) -> Result<(), PlatformError> {
    let format: LogFormat = cli.log_format.parse()?;
    logging::init_logging(format, &cli.log_level)?;
    match cli.command {
        Command::Demo(args) => demo::run(&args, EngineConfig::from_env()?),
    }
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            if let Some(field) = err.field() {
                eprintln!("  setting/field: {field}");
            }
            ExitCode::from(2)
        }
    }
}
