//! The app's own preferences: language, auto-lock time and where the store lives.
//! They are known before the store is unlocked, so they live in a small JSON file in the
//! user's config directory. Nothing in it is about the people in the store.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{ApiError, ApiResult, ErrorCode};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    En,
    Es,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Prefs {
    pub language: Language,
    /// Lock after this many minutes without input; 1..=120.
    pub auto_lock_minutes: u32,
    /// Store directory chosen in settings; `AMPARO_STORE` overrides it.
    pub store_dir: Option<String>,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs { language: Language::En, auto_lock_minutes: 5, store_dir: None }
    }
}

pub const AUTO_LOCK_RANGE: std::ops::RangeInclusive<u32> = 1..=120;

impl Prefs {
    pub fn validate(&self) -> ApiResult<()> {
        if !AUTO_LOCK_RANGE.contains(&self.auto_lock_minutes) {
            return Err(ApiError::new(ErrorCode::Invalid, "auto-lock time must be between 1 and 120 minutes"));
        }
        Ok(())
    }

    /// Read the file; a missing or unreadable file gives the defaults (it holds nothing
    /// that cannot be chosen again).
    pub fn load(path: &Path) -> Prefs {
        std::fs::read(path)
            .ok()
            .and_then(|b| serde_json::from_slice::<Prefs>(&b).ok())
            .filter(|p| p.validate().is_ok())
            .unwrap_or_default()
    }

    pub fn save(&self, path: &Path) -> ApiResult<()> {
        self.validate()?;
        let io = |e: std::io::Error| {
            ApiError::new(ErrorCode::Io, format!("could not save settings at {}: {e}", path.display()))
        };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        let tmp = path.with_extension("json.tmp");
        let body = serde_json::to_vec_pretty(self).expect("prefs serialize");
        std::fs::write(&tmp, body).map_err(io)?;
        std::fs::rename(&tmp, path).map_err(io)
    }
}

/// Where things live on disk.
#[derive(Debug, Clone)]
pub struct Paths {
    pub prefs_file: PathBuf,
    pub default_store_dir: PathBuf,
    pub demo_store_dir: PathBuf,
}

impl Paths {
    pub fn from_env() -> Paths {
        let dirs = directories::ProjectDirs::from("org", "amparo", "amparo");
        let (config, data) = match &dirs {
            Some(d) => (d.config_dir().to_path_buf(), d.data_dir().to_path_buf()),
            None => (PathBuf::from(".amparo"), PathBuf::from(".amparo")),
        };
        Paths {
            prefs_file: config.join("app-settings.json"),
            default_store_dir: data.join("store"),
            demo_store_dir: data.join("demo-store"),
        }
    }

    /// `AMPARO_STORE` wins (tests and portable setups), then the settings, then the default.
    pub fn store_dir(&self, prefs: &Prefs) -> PathBuf {
        if let Some(env) = std::env::var_os("AMPARO_STORE").filter(|v| !v.is_empty()) {
            return PathBuf::from(env);
        }
        match &prefs.store_dir {
            Some(dir) if !dir.trim().is_empty() => PathBuf::from(dir),
            _ => self.default_store_dir.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_english_and_five_minutes() {
        let p = Prefs::default();
        assert_eq!(p.language, Language::En);
        assert_eq!(p.auto_lock_minutes, 5);
    }

    #[test]
    fn saved_prefs_load_back_and_bad_files_give_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x/app-settings.json");
        assert_eq!(Prefs::load(&path), Prefs::default());
        let p = Prefs { language: Language::Es, auto_lock_minutes: 12, store_dir: None };
        p.save(&path).unwrap();
        assert_eq!(Prefs::load(&path), p);
        std::fs::write(&path, b"{ not json").unwrap();
        assert_eq!(Prefs::load(&path), Prefs::default());
    }

    #[test]
    fn auto_lock_out_of_range_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let p = Prefs { auto_lock_minutes: 0, ..Prefs::default() };
        let err = p.save(&dir.path().join("s.json")).unwrap_err();
        assert_eq!(err.code, ErrorCode::Invalid);
    }
}
