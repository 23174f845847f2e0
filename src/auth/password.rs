//! argon2id with the OWASP parameters (19 MiB, 2 passes, 1 lane), always off the async
//! runtime. Unknown accounts are verified against a dummy hash, so they cost the same time.

use std::sync::OnceLock;

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::{Algorithm, Argon2, Params, Version};

/// The shortest password accepted.
pub const MIN_LEN: usize = 12;
/// The longest (argon2 takes any length; this bounds the work per request).
pub const MAX_LEN: usize = 256;

fn hasher() -> Argon2<'static> {
    // OWASP: m=19456 KiB, t=2, p=1. Params::new cannot fail for these values.
    let params = Params::new(19_456, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

fn hash_blocking(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(hasher()
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_blocking("not a password of anyone").unwrap_or_default())
}

pub async fn hash(password: String) -> anyhow::Result<String> {
    let h = tokio::task::spawn_blocking(move || hash_blocking(&password)).await??;
    Ok(h)
}

/// Checks `password` against `stored`, or against the dummy hash when there is no account
/// (or no password yet), so that both paths take the same time. False for the dummy.
pub async fn verify(password: String, stored: Option<String>) -> anyhow::Result<bool> {
    let ok = tokio::task::spawn_blocking(move || {
        let real = stored.is_some();
        let phc = stored.unwrap_or_else(|| dummy_hash().to_string());
        let matches = PasswordHash::new(&phc)
            .map(|h| hasher().verify_password(password.as_bytes(), &h).is_ok())
            .unwrap_or(false);
        real && matches
    })
    .await?;
    Ok(ok)
}

/// Warms the dummy hash so the first unknown-account sign-in is not faster than the rest.
pub async fn warm_up() {
    let _ = tokio::task::spawn_blocking(dummy_hash).await;
}

#[cfg(test)]
mod tests {
    #[tokio::test]
    async fn hashes_are_argon2id_with_owasp_parameters_and_verify() {
        let h = super::hash("correct horse battery".into()).await.unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(
            super::verify("correct horse battery".into(), Some(h.clone()))
                .await
                .unwrap()
        );
        assert!(!super::verify("wrong".into(), Some(h)).await.unwrap());
        assert!(!super::verify("not a password of anyone".into(), None)
            .await
            .unwrap());
    }
}
