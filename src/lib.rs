//! Lotsbok: the CRM of the relocation guides (inflyttarlotsar) of Region 10.
//!
//! A map for newcomers: ARCHITECTURE.md (what each module is and may import, checked by
//! `tests/app/architecture.rs`). `app` builds the router from the features below; each
//! feature owns its routes, forms, views and queries.

/// Staff accounts and municipalities: the store every feature reads them from.
pub mod accounts;
/// Admin pages: staff users and the mail outbox.
pub mod admin;
/// The router and its layers.
pub mod app;
/// The stylesheet and scripts, compiled in.
pub mod assets;
/// The audit trail.
pub mod audit;
/// Sign-in, passwords, one-time links, throttling, first-start setup.
pub mod auth;
/// Backups of a SQLite database, and restoring one.
pub mod backup;
/// The command line (`serve`, `migrate`, `user create`).
pub mod cli;
/// Layered configuration.
pub mod config;
/// Random tokens and their digests.
pub mod crypto;
/// The database handle (every write in SQLite's turn), connection, session store.
pub mod db;
/// Synthetic demo data (`lotsbok demo`).
pub mod demo;
/// The shared vocabulary of a mover and a household.
pub mod domain;
/// sea-orm entities.
pub mod entities;
/// The handler error type.
pub mod error;
/// Campaigns and events.
pub mod events;
/// The start page.
pub mod home;
/// Translations.
pub mod i18n;
/// Leads from spreadsheets (CSV, XLSX) and the lead list out again.
pub mod import;
/// The public interest form.
pub mod interest;
/// Background work under one owner: start, stop, leases.
pub mod jobs;
/// Lead management: the guide's daily work.
pub mod leads;
/// The mail outbox and its worker.
pub mod mail;
/// Mailings to movers who asked for news and invitations.
pub mod mailings;
/// Jobs and homes: vacancies, housing offers, and a household's matches.
pub mod offers;
/// What an operator watches: health, readiness, metrics.
pub mod ops;
/// Public information pages: privacy notice, accessibility statement.
pub mod pages;
/// Privacy: consents, access, erasure, retention, self-service, audit log.
pub mod privacy;
/// Accounts, municipalities and campaigns held in memory, and when to read them again.
pub mod reference;
/// The daily reminder mail.
pub mod reminders;
/// Regional and municipal reports, charts and exports.
pub mod reports;
/// Tenant isolation: the scope of a guide's reach into movers' personal data.
pub mod scope;
/// Serving: `lotsbok serve`, with its jobs and graceful shutdown.
pub mod server;
/// A user's own settings and the guide's calendar feed.
pub mod settings;
/// The application state handlers and jobs are given.
pub mod state;
/// Layout, components, request context, sessions, CSRF, the public-form gate, headers,
/// error page, input cleaning.
pub mod web;
