//! Integration tests: the real router on a real database, driven as a browser does.
//! Each test runs on SQLite, and on PostgreSQL when `LOTSBOK_TEST_PG_URL` is set (in CI it is).

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod helpers;
mod served;

mod admin;
mod architecture;
mod attacks;
mod auth;
mod board;
mod cli;
mod demo;
mod desk;
mod disclosure;
mod follow_through;
mod fuzz;
mod import;
mod instances;
mod interest;
mod isolation;
mod kept;
mod leads;
mod locales;
mod mailings;
mod offers;
mod ops;
mod outbox;
mod pages;
mod privacy;
mod reports;
mod solver;
mod trust;
mod two_factor;
