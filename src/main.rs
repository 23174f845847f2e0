//! `lotsbok`: parse the command line, load the configuration, hand over to the library.

use clap::Parser;

/// mimalloc rather than the system allocator: glibc's malloc keeps an arena per thread (the
/// runtime's and each SQLite connection's) and holds on to freed memory. On the benchmark's
/// load (100k leads, SQLite, a pool of 4) the server's peak RSS was 77–84 MB with mimalloc
/// against 98 MB with glibc, and no page was slower (BENCHMARKS.md).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = lotsbok::cli::Cli::parse();
    let cfg = match lotsbok::config::Config::load() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    init_tracing(cfg.log_format);
    match lotsbok::cli::run(cli, cfg).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn init_tracing(format: lotsbok::config::LogFormat) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_env("LOTSBOK_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn,tower_sessions=warn"));
    // Logs go to standard error: standard output carries what a command prints as its result.
    let fmt = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        .with_writer(std::io::stderr);
    match format {
        // One object per line; a line written while answering a request carries the
        // request's span (route pattern, method, request id) as `span`.
        lotsbok::config::LogFormat::Json => fmt
            .json()
            .with_current_span(true)
            .with_span_list(false)
            .init(),
        lotsbok::config::LogFormat::Text => fmt.init(),
    }
}
