//! The key the authenticators' secrets are encrypted with (XChaCha20-Poly1305, a random
//! nonce per secret, the user's id as associated data so that a secret copied to another
//! user's row does not open). The key comes from the configuration (`two_factor.key`) or,
//! when that is empty, from `two_factor.key_file`, made on first use: a database backup
//! without the key holds no usable secret.

use std::io::Write;
use std::sync::OnceLock;

use argon2::password_hash::rand_core::{OsRng, RngCore};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};

use crate::config::TwoFactorConfig;

const NONCE: usize = 24;

/// 64 hex digits as a key.
pub fn parse_key(hex_key: &str) -> Option<[u8; 32]> {
    hex::decode(hex_key.trim()).ok()?.try_into().ok()
}

/// The key, read once per process (`state.kept`).
#[derive(Default)]
pub struct Held(OnceLock<[u8; 32]>);

impl Held {
    pub fn key(&self, cfg: &TwoFactorConfig) -> anyhow::Result<Cipher> {
        if let Some(k) = self.0.get() {
            return Ok(Cipher(*k));
        }
        let k = load(cfg)?;
        Ok(Cipher(*self.0.get_or_init(|| k)))
    }
}

fn load(cfg: &TwoFactorConfig) -> anyhow::Result<[u8; 32]> {
    if !cfg.key.is_empty() {
        return parse_key(&cfg.key)
            .ok_or_else(|| anyhow::anyhow!("two_factor.key: not 64 hex digits"));
    }
    let path = &cfg.key_file;
    if let Ok(text) = std::fs::read_to_string(path) {
        return parse_key(&text)
            .ok_or_else(|| anyhow::anyhow!("{}: not 64 hex digits", path.display()));
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let mut k = [0u8; 32];
    OsRng.fill_bytes(&mut k);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(mut f) => {
            writeln!(f, "{}", hex::encode(k))?;
            f.sync_all()?;
            tracing::info!(file = %path.display(), "made the key for two-factor secrets");
            Ok(k)
        }
        // Another process made it first: its key is the one.
        // (It may not be written yet: read again for a moment.)
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            for _ in 0..50 {
                if let Some(k) = std::fs::read_to_string(path)
                    .ok()
                    .and_then(|t| parse_key(&t))
                {
                    return Ok(k);
                }
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(anyhow::anyhow!("{}: not 64 hex digits", path.display()))
        }
        Err(e) => Err(e.into()),
    }
}

pub struct Cipher([u8; 32]);

impl Cipher {
    fn aead(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new((&self.0).into())
    }

    /// `plain` sealed for `user`: base64 of the nonce and the ciphertext.
    pub fn seal(&self, user: i64, plain: &[u8]) -> anyhow::Result<String> {
        let mut nonce = [0u8; NONCE];
        OsRng.fill_bytes(&mut nonce);
        let aad = user.to_be_bytes();
        let sealed = self
            .aead()
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: plain,
                    aad: &aad,
                },
            )
            .map_err(|_| anyhow::anyhow!("sealing a secret failed"))?;
        let mut out = nonce.to_vec();
        out.extend(sealed);
        Ok(B64.encode(out))
    }

    /// What `seal` sealed for `user`; `None` if it was sealed with another key or for
    /// another user, or altered.
    pub fn open(&self, user: i64, sealed: &str) -> Option<Vec<u8>> {
        let bytes = B64.decode(sealed).ok()?;
        if bytes.len() <= NONCE {
            return None;
        }
        let (nonce, ct) = bytes.split_at(NONCE);
        let aad = user.to_be_bytes();
        self.aead()
            .decrypt(XNonce::from_slice(nonce), Payload { msg: ct, aad: &aad })
            .ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_opens_only_for_its_user_and_key() {
        let a = Cipher([7; 32]);
        let sealed = a.seal(5, b"secret").unwrap();
        assert_eq!(a.open(5, &sealed).as_deref(), Some(&b"secret"[..]));
        assert_eq!(a.open(6, &sealed), None);
        assert_eq!(Cipher([8; 32]).open(5, &sealed), None);
        assert_ne!(
            a.seal(5, b"secret").unwrap(),
            sealed,
            "a fresh nonce each time"
        );
    }
}
