//! The command line, a contract others script against (keep it, or extend it): `serve` (the
//! default), `migrate`, `user create`, `import`, `retention`, `backup`, `restore`, `demo`,
//! `bench-sql`. A failing
//! command prints one line saying what was wrong and exits non-zero.

use std::io::Read;

use clap::{Parser, Subcommand, ValueEnum};

use crate::accounts::Roles;
use crate::accounts::{self as users, NewUser};
use crate::auth::tokens::{self, Purpose};
use crate::auth::{forms, password};
use crate::config::Config;
use crate::{audit, db, server};

#[derive(Parser, Debug)]
#[command(
    name = "lotsbok",
    version,
    about = "Lotsbok: the CRM of the relocation guides of Region 10"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Serve the web application (migrates the database first). The default.
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Fill the database with realistic synthetic data (for trying it out and for benchmarks).
    Demo {
        /// How many leads to make.
        #[arg(long, default_value_t = 1000)]
        leads: u64,
        /// The same seed gives the same data.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The demo accounts' password (default: a random one each, printed once).
        #[arg(long)]
        password: Option<String>,
    },
    /// Time the bare queries behind the main pages (used by bench/run.sh).
    #[command(hide = true)]
    BenchSql {
        #[arg(long, default_value = "lycksele")]
        municipality: String,
        #[arg(long)]
        lead: i64,
        /// Words searched for (each printed as `search:<word>`); by default `anna`.
        #[arg(long = "search")]
        search: Vec<String>,
    },
    /// Print COUNT fresh tokens of a public form, one a line, signed with the database's
    /// key as if each form had been shown a minute ago (bench/run.sh: a token for each
    /// submission, as a browser has).
    #[command(hide = true)]
    BenchTokens {
        #[arg(long)]
        count: usize,
        #[arg(long, default_value = "interest")]
        purpose: String,
    },
    /// Anonymise the prospects that the retention rule says are due (list them with --dry-run).
    Retention {
        #[arg(long)]
        dry_run: bool,
    },
    /// Import leads from a CSV or XLSX file into a municipality: all rows or none.
    Import {
        /// The file: CSV (any common delimiter; UTF-8 or Windows-1252) or XLSX.
        file: std::path::PathBuf,
        /// The municipality the leads belong to (slug, e.g. lycksele).
        #[arg(long)]
        municipality: String,
        /// A row whose e-mail or phone is already in the municipality: merge or skip.
        #[arg(long, value_enum, default_value_t = DuplicatesArg::Merge)]
        duplicates: DuplicatesArg,
        /// Import the valid rows even if some have errors (they are listed).
        #[arg(long)]
        valid_only: bool,
        /// Only check the file and list what would fail.
        #[arg(long)]
        dry_run: bool,
        /// Leave out columns that are not recognised instead of refusing the file.
        #[arg(long)]
        ignore_unknown_columns: bool,
    },
    /// Copy the SQLite database to FILE while the server runs (for PostgreSQL: pg_dump).
    Backup {
        /// The copy to make (must not exist).
        file: std::path::PathBuf,
    },
    /// Put a backup back in place of the SQLite database (refused while a server runs on
    /// it; the database it replaces is kept beside it).
    Restore {
        /// A backup made by `lotsbok backup` or the scheduled backups.
        file: std::path::PathBuf,
        /// Restore where no database is yet (a new machine); without it, a missing
        /// database is taken for a mistake (a relative path from the wrong folder).
        #[arg(long)]
        new: bool,
    },
    /// Manage staff users.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
}

#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Create a user. Without --password-stdin, a one-time link to choose a password is printed.
    Create {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// One or more roles: --role guide --role admin, or --role guide,admin.
        #[arg(long = "role", value_enum, value_delimiter = ',', required = true)]
        roles: Vec<RoleArg>,
        /// The guide's municipality (slug, e.g. lycksele).
        #[arg(long)]
        municipality: Option<String>,
        /// Read the password from standard input (one line).
        #[arg(long)]
        password_stdin: bool,
        /// Language of the user's pages: sv or en.
        #[arg(long, default_value = "sv")]
        locale: String,
    },
    /// Remove a user's second factor (authenticator and recovery codes) and end their
    /// sessions, for the day an admin loses their phone; the user is mailed.
    #[command(name = "reset-2fa")]
    Reset2fa {
        #[arg(long)]
        email: String,
    },
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DuplicatesArg {
    Merge,
    Skip,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoleArg {
    Guide,
    Coordinator,
    Admin,
}

pub async fn run(cli: Cli, cfg: Config) -> anyhow::Result<()> {
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => server::serve(cfg).await,
        Command::Migrate => {
            let (_using, conn) = open(&cfg, 2).await?;
            db::migrate(&conn).await.map_err(anyhow::Error::msg)?;
            println!("migrations applied");
            Ok(())
        }
        Command::User { command } => user(command, &cfg).await,
        Command::Backup { file } => {
            let Some(database) = db::sqlite_file(&cfg.database_url) else {
                anyhow::bail!(
                    "backup copies SQLite databases; for PostgreSQL use pg_dump (README)"
                );
            };
            if !database.is_file() {
                anyhow::bail!("{}", crate::backup::no_database(&database));
            }
            let (_using, conn) = open(&cfg, 2).await?;
            crate::backup::backup(&conn, &file)
                .await
                .map_err(anyhow::Error::msg)?;
            println!("backed up to {}", file.display());
            Ok(())
        }
        Command::Restore { file, new } => {
            let kept = crate::backup::restore(&cfg.database_url, &file, new)
                .await
                .map_err(anyhow::Error::msg)?;
            println!("restored from {}", file.display());
            if let Some(kept) = kept {
                println!("the database it replaced is kept as {}", kept.display());
            }
            Ok(())
        }
        Command::Demo {
            leads,
            seed,
            password,
        } => {
            let (_using, conn) = open(&cfg, 4).await?;
            db::migrate(&conn).await.map_err(anyhow::Error::msg)?;
            let started = std::time::Instant::now();
            let accounts = crate::demo::generate(&conn, leads, seed, password.as_deref()).await?;
            println!(
                "{leads} leads made in {:.1} s",
                started.elapsed().as_secs_f64()
            );
            for (email, pw) in accounts.0 {
                match pw {
                    Some(pw) => println!("  {email}  password: {pw}"),
                    None => println!("  {email}  (already existed)"),
                }
            }
            Ok(())
        }
        Command::BenchSql {
            municipality,
            lead,
            search,
        } => {
            let (_using, conn) = open(&cfg, 4).await?;
            let lead = crate::entities::LeadId(lead);
            crate::demo::floor::run(&conn, &municipality, lead, &search).await
        }
        Command::BenchTokens { count, purpose } => {
            let (_using, conn) = open(&cfg, 1).await?;
            let key = crate::web::gate::stored_key(&conn)
                .await?
                .ok_or_else(|| anyhow::anyhow!("no signing key yet: show a form once first"))?;
            let shown = chrono::Utc::now().timestamp() - 60;
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            for _ in 0..count {
                use std::io::Write;
                writeln!(out, "{}", crate::web::gate::sign(&key, &purpose, shown))?;
            }
            Ok(())
        }
        Command::Import {
            file,
            municipality,
            duplicates,
            valid_only,
            dry_run,
            ignore_unknown_columns,
        } => {
            let (_using, conn) = open(&cfg, 4).await?;
            db::migrate(&conn).await.map_err(anyhow::Error::msg)?;
            let options = crate::import::cli::Options {
                file: &file,
                municipality: &municipality,
                duplicates: match duplicates {
                    DuplicatesArg::Merge => crate::import::run::Duplicates::Merge,
                    DuplicatesArg::Skip => crate::import::run::Duplicates::Skip,
                },
                valid_only,
                dry_run,
                ignore_unknown_columns,
            };
            crate::import::cli::import(&conn, &cfg, options).await
        }
        Command::Retention { dry_run } => {
            let (_using, conn) = open(&cfg, 2).await?;
            db::migrate(&conn).await.map_err(anyhow::Error::msg)?;
            let ids = crate::privacy::retention::run(&conn, &cfg.retention, dry_run).await?;
            // The counts' changes of every mover anonymised, folded now as a server's jobs
            // would: until then every list page sums them. A dry run changes nothing.
            if !dry_run {
                crate::leads::derived::fold(&conn).await?;
            }
            let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(" ");
            if dry_run {
                println!("{} prospects are due for anonymisation: {list}", ids.len());
            } else {
                println!("anonymised {} prospects", ids.len());
            }
            Ok(())
        }
    }
}

/// The database for a command, with the lock every process using it holds (shared), so
/// that `restore` is refused while the command runs (see `backup`).
async fn open(cfg: &Config, pool: u32) -> anyhow::Result<(crate::backup::Using, db::Db)> {
    let using = crate::backup::hold(&cfg.database_url).map_err(anyhow::Error::msg)?;
    let conn = db::connect(&cfg.database_url, pool)
        .await
        .map_err(anyhow::Error::msg)?;
    Ok((using, conn))
}

async fn user(command: UserCommand, cfg: &Config) -> anyhow::Result<()> {
    let (email, name, roles, municipality, password_stdin, locale) = match command {
        UserCommand::Create {
            email,
            name,
            roles,
            municipality,
            password_stdin,
            locale,
        } => (email, name, roles, municipality, password_stdin, locale),
        UserCommand::Reset2fa { email } => return reset_2fa(&email, cfg).await,
    };
    let mut errs = crate::web::FieldErrors::default();
    forms::validate_email(&email, &mut errs);
    forms::validate_name(&name, &mut errs);
    if let Some((field, _)) = errs.iter().next() {
        anyhow::bail!("invalid --{field}");
    }
    let role = |r| roles.contains(&r);
    let roles = Roles {
        guide: role(RoleArg::Guide),
        coordinator: role(RoleArg::Coordinator),
        admin: role(RoleArg::Admin),
    };
    let lang = crate::i18n::Lang::parse(&locale)
        .filter(|l| crate::i18n::STAFF.contains(l))
        .ok_or_else(|| anyhow::anyhow!("invalid --locale `{locale}` (sv or en)"))?;
    let (_using, conn) = open(cfg, 2).await?;
    db::migrate(&conn).await.map_err(anyhow::Error::msg)?;
    let municipality_id = match &municipality {
        Some(slug) => Some(users::find_municipality(&conn, slug).await?.id),
        None => None,
    };
    let password_hash = if password_stdin {
        let mut line = String::new();
        std::io::stdin().read_to_string(&mut line)?;
        let pw = line.trim_end_matches(['\r', '\n']).to_string();
        let n = pw.chars().count();
        if !(password::MIN_LEN..=password::MAX_LEN).contains(&n) {
            anyhow::bail!(
                "the password must be {} to {} characters long",
                password::MIN_LEN,
                password::MAX_LEN
            );
        }
        Some(password::hash(pw).await?)
    } else {
        None
    };
    let new = NewUser {
        email,
        name,
        roles,
        municipality_id,
        locale: lang.code().into(),
        password_hash,
    };
    let created = users::create(&conn, new).await?;
    audit::record(
        &conn,
        None,
        "user_created_cli",
        Some(("user", created.id)),
        None,
    )
    .await?;
    println!("created user {} <{}>", created.id, created.email);
    if created.password_hash.is_none() {
        let hours = cfg.tokens.invite_hours;
        let token = tokens::issue(
            &conn,
            Purpose::Invite,
            Some(created.key()),
            chrono::Duration::hours(hours.into()),
        )
        .await?;
        println!("one-time link to choose a password (valid {hours} hours):");
        println!("  {}", cfg.link(&format!("/invite/{token}")));
    }
    Ok(())
}

async fn reset_2fa(email: &str, cfg: &Config) -> anyhow::Result<()> {
    let (_using, conn) = open(cfg, 2).await?;
    db::migrate(&conn).await.map_err(anyhow::Error::msg)?;
    let Some(u) = users::find_by_email(&conn, email).await? else {
        anyhow::bail!("no user with the address {email}");
    };
    let txn = conn.begin().await?;
    crate::auth::two_factor::reset(&txn, cfg, &u).await?;
    audit::record(
        &txn,
        None,
        "two_factor_reset",
        Some(("user", u.id)),
        Some("cli".into()),
    )
    .await?;
    txn.commit().await?;
    println!(
        "reset the second factor of user {} <{}>; their sessions have ended and they were mailed",
        u.id, u.email
    );
    Ok(())
}
