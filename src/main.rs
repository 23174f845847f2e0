//! `lotsbok`: parse the command line, load the configuration, hand over to the library.

use clap::Parser;

/// mimalloc rather than the system allocator: glibc's malloc keeps an arena per thread (the
/// runtime's and each SQLite connection's) and holds on to freed memory. On the benchmark's
/// load (100k leads, SQLite, a pool of 4) the server's peak RSS was 77–84 MB with mimalloc
/// against 98 MB with glibc, and no page was slower (BENCHMARKS.md). With the crate's
/// `override` feature SQLite's own allocations (its page caches, emptied by every commit
/// of another connection) go to mimalloc too: glibc's `malloc`, `malloc_consolidate` and
/// `free` were a fifth of the lead list's profile; four alternating pairs of runs gave the
/// list 335–406 → 493–503 req/s and the form 440–450 → 473–517/s (BENCHMARKS.md, issue 20
/// part 4). The override is mimalloc 3, tried on Debian 12 (glibc 2.36), the image's base.
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
    use tracing_subscriber::filter::{LevelFilter, Targets};
    use tracing_subscriber::prelude::*;
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_env("LOTSBOK_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn,tower_sessions=warn"));
    // Whatever LOTSBOK_LOG asks for, sea-orm's trace spans are never written: they carry
    // each statement with its values (names, addresses). sqlx's own lines carry the SQL
    // with placeholders only. `ops::logs_name_no_one_at_any_level` checks it at trace.
    let never = Targets::new()
        .with_default(LevelFilter::TRACE)
        .with_target("sea_orm", LevelFilter::DEBUG);
    // Logs go to standard error: standard output carries what a command prints as its result.
    // Colours only on a terminal: a journal or a log file gets plain text.
    use std::io::IsTerminal;
    let fmt = tracing_subscriber::fmt::layer()
        .with_target(false)
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(std::io::stderr);
    let registry = tracing_subscriber::registry().with(filter);
    match format {
        // One object per line; a line written while answering a request carries the
        // request's span (route pattern, method, request id) first in `spans`, whatever
        // span within it wrote the line.
        lotsbok::config::LogFormat::Json => registry
            .with(
                fmt.json()
                    .with_current_span(false)
                    .with_span_list(true)
                    .with_filter(never),
            )
            .init(),
        lotsbok::config::LogFormat::Text => registry.with(fmt.with_filter(never)).init(),
    }
}
