//! argon2id with the OWASP parameters (19 MiB, 2 passes, 1 lane), always off the async
//! runtime. Unknown accounts are verified against a dummy hash, so they cost the same time.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

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

/// Hashes at once: each takes 19 MiB and a core for a moment, so a flood of sign-ins waits
/// its turn here instead of taking all memory; one that waits too long is turned away.
fn hashing() -> &'static Arc<tokio::sync::Semaphore> {
    static SLOTS: OnceLock<Arc<tokio::sync::Semaphore>> = OnceLock::new();
    SLOTS.get_or_init(|| Arc::new(tokio::sync::Semaphore::new(bound())))
}

/// How many hashes may run at once here.
pub fn bound() -> usize {
    std::thread::available_parallelism()
        .map_or(1, usize::from)
        .clamp(1, 4)
}

static AT_ONCE: AtomicUsize = AtomicUsize::new(0);
static MOST_AT_ONCE: AtomicUsize = AtomicUsize::new(0);

/// The most hashes that ran at once in this process (for tests and the benchmark).
pub fn most_at_once() -> usize {
    MOST_AT_ONCE.load(Ordering::SeqCst)
}

/// Counts a running hash until dropped (also when its request was dropped meanwhile).
struct Running;

impl Running {
    fn start() -> Self {
        let now = AT_ONCE.fetch_add(1, Ordering::SeqCst) + 1;
        MOST_AT_ONCE.fetch_max(now, Ordering::SeqCst);
        Running
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        AT_ONCE.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Runs `f` (an argon2 hash) off the async runtime with a turn. The turn goes into the
/// blocking task, so it is held until the hash is done even if the request that asked for
/// it has gone (a client that hangs up cannot start more hashes than the bound).
async fn in_turn<T: Send + 'static>(
    turn: tokio::sync::OwnedSemaphorePermit,
    f: impl FnOnce() -> T + Send + 'static,
) -> anyhow::Result<T> {
    Ok(tokio::task::spawn_blocking(move || {
        let _turn = turn;
        let _running = Running::start();
        f()
    })
    .await?)
}

/// How long a sign-in waits for a turn to hash before it is told to try again.
const WAIT_FOR_TURN: std::time::Duration = std::time::Duration::from_secs(10);

pub async fn hash(password: String) -> anyhow::Result<String> {
    let turn = hashing().clone().acquire_owned().await?;
    let h = in_turn(turn, move || hash_blocking(&password)).await??;
    Ok(h)
}

/// Checks `password` against `stored`, or against the dummy hash when there is no account
/// (or no password yet), so that both paths take the same time. False for the dummy; `None`
/// when no turn to hash came within `WAIT_FOR_TURN`.
pub async fn verify(password: String, stored: Option<String>) -> anyhow::Result<Option<bool>> {
    let slots = hashing().clone();
    let Ok(turn) = tokio::time::timeout(WAIT_FOR_TURN, slots.acquire_owned()).await else {
        return Ok(None);
    };
    let ok = in_turn(turn?, move || {
        let real = stored.is_some();
        let phc = stored.unwrap_or_else(|| dummy_hash().to_string());
        let matches = PasswordHash::new(&phc)
            .map(|h| hasher().verify_password(password.as_bytes(), &h).is_ok())
            .unwrap_or(false);
        real && matches
    })
    .await?;
    Ok(Some(ok))
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
        assert_eq!(
            super::verify("correct horse battery".into(), Some(h.clone()))
                .await
                .unwrap(),
            Some(true)
        );
        assert_eq!(
            super::verify("wrong".into(), Some(h)).await.unwrap(),
            Some(false)
        );
        assert_eq!(
            super::verify("not a password of anyone".into(), None)
                .await
                .unwrap(),
            Some(false)
        );
    }
}
