//! Random tokens and their digests, for every token Lotsbok hands out (one-time links, CSRF,
//! form tokens, calendar feeds): the database keeps only the digest.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};

/// 128 random bits as 32 hex digits.
pub fn random_token() -> String {
    let mut buf = [0u8; 16];
    OsRng.fill_bytes(&mut buf);
    hex::encode(buf)
}

pub fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}
