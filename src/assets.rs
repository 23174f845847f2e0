//! The stylesheet and scripts under `/assets`, compiled into the binary (rust-embed), so
//! that the binary alone serves every page as it should from any folder. Their version in
//! every link (`?v=…`) is a hash of what is served, so a changed file gets a new URL and the
//! old one may be cached for a year.
//!
//! For development, `assets_dir` names a folder to serve instead (edits show at the next
//! reload, nothing is cached); start-up refuses a folder that lacks a file the binary has.
//! The locales are compiled in by `i18n` and are not served.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

#[derive(rust_embed::Embed)]
#[folder = "assets/"]
#[exclude = "locales/*"]
struct Embedded;

/// Where the assets come from, and their version.
#[derive(Clone, Debug)]
pub struct Assets {
    dir: Option<PathBuf>,
    version: String,
}

impl Assets {
    /// The compiled-in assets.
    pub fn embedded() -> Self {
        let mut hash = Sha256::new();
        for name in names() {
            if let Some(file) = Embedded::get(&name) {
                hash.update(name.as_bytes());
                hash.update(file.metadata.sha256_hash());
            }
        }
        Assets {
            dir: None,
            version: hex::encode(&hash.finalize()[..6]),
        }
    }

    /// The compiled-in assets when `dir` is empty, else the folder, which must hold every
    /// file the binary has (a missing one is named in the error).
    pub fn load(dir: &Path) -> Result<Self, String> {
        if dir.as_os_str().is_empty() {
            return Ok(Self::embedded());
        }
        let mut hash = Sha256::new();
        let mut missing = Vec::new();
        for name in names() {
            match std::fs::read(dir.join(&*name)) {
                Ok(bytes) => {
                    hash.update(name.as_bytes());
                    hash.update(Sha256::digest(&bytes));
                }
                Err(_) => missing.push(name.into_owned()),
            }
        }
        if !missing.is_empty() {
            return Err(format!(
                "config: bad value for `assets_dir`: {} lacks {} (leave assets_dir empty to serve the compiled-in files)",
                dir.display(),
                missing.join(", ")
            ));
        }
        Ok(Assets {
            dir: Some(dir.to_path_buf()),
            version: hex::encode(&hash.finalize()[..6]),
        })
    }

    /// The hash of what is served, for `?v=` in links.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// Where they come from, for the start-up line.
    pub fn source(&self) -> String {
        match &self.dir {
            Some(d) => d.display().to_string(),
            None => "compiled in".into(),
        }
    }

    fn read(&self, name: &str) -> Option<(Cow<'static, [u8]>, String)> {
        let file = Embedded::get(name)?;
        let mime = file.metadata.mimetype().to_string();
        match &self.dir {
            None => Some((file.data, mime)),
            Some(dir) => std::fs::read(dir.join(name))
                .ok()
                .map(|b| (Cow::Owned(b), mime)),
        }
    }
}

/// The names of the files served (`css/app.css` …), in a fixed order.
pub fn names() -> Vec<Cow<'static, str>> {
    let mut names: Vec<_> = Embedded::iter().collect();
    names.sort();
    names
}

/// `GET /assets/{*path}`: a file by its name, cached for a year when compiled in (its URL
/// carries the version), revalidated each time when served from a folder.
pub fn serve(assets: &Assets, name: &str, headers: &HeaderMap) -> Response {
    let Some((bytes, mime)) = assets.read(name) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let etag = format!("\"{}\"", hex::encode(&Sha256::digest(&bytes)[..8]));
    let cache = match assets.dir {
        None => "public, max-age=31536000, immutable",
        Some(_) => "max-age=0, must-revalidate",
    };
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
    let mut response = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        bytes.into_owned().into_response()
    };
    let h = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&mime) {
        h.insert(header::CONTENT_TYPE, v);
    }
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_binary_holds_the_stylesheet_and_script_but_not_the_locales() {
        let names = names();
        assert!(names.iter().any(|n| n == "css/app.css"), "{names:?}");
        assert!(
            names.iter().any(|n| n == "js/import-progress.js"),
            "{names:?}"
        );
        assert!(!names.iter().any(|n| n.starts_with("locales")), "{names:?}");
    }

    #[test]
    fn a_folder_override_must_hold_every_file() {
        let dir = std::env::temp_dir().join(format!("lotsbok-assets-{}", std::process::id()));
        for name in names() {
            let file = dir.join(&*name);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(&file, format!("/* {name} */")).unwrap();
        }
        let ok = Assets::load(&dir).unwrap();
        assert_ne!(ok.version(), Assets::embedded().version());
        std::fs::remove_file(dir.join("js/import-progress.js")).unwrap();
        let err = Assets::load(&dir).unwrap_err();
        assert!(err.contains("js/import-progress.js"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
        // The repository's folder is the compiled-in one: the same version.
        let repo = Assets::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("assets")).unwrap();
        assert_eq!(repo.version(), Assets::embedded().version());
    }
}
