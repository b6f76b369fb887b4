//! What the shell keeps between commands: the unlocked store (or nothing when locked),
//! the preferences and the time of the last user activity for auto-lock.

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::error::{ApiError, ApiResult};
use crate::prefs::{Paths, Prefs};

pub struct AppState {
    /// `None` while locked. Dropping the store drops the key (the core zeroizes it).
    pub store: Mutex<Option<amparo::Store>>,
    pub prefs: Mutex<Prefs>,
    pub paths: Paths,
    pub last_activity: Mutex<Instant>,
    /// A store folder chosen in this session (the demo, or one opened from a dialog).
    selected: Mutex<Option<(PathBuf, bool)>>,
}

impl AppState {
    pub fn new(paths: Paths) -> AppState {
        let prefs = Prefs::load(&paths.prefs_file);
        AppState {
            store: Mutex::new(None),
            prefs: Mutex::new(prefs),
            paths,
            last_activity: Mutex::new(Instant::now()),
            selected: Mutex::new(None),
        }
    }

    pub fn prefs(&self) -> Prefs {
        self.prefs.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    pub fn store_dir(&self) -> PathBuf {
        match &*self.selected.lock().unwrap_or_else(|p| p.into_inner()) {
            Some((dir, _)) => dir.clone(),
            None => self.paths.store_dir(&self.prefs()),
        }
    }

    pub fn is_demo(&self) -> bool {
        matches!(&*self.selected.lock().unwrap_or_else(|p| p.into_inner()), Some((_, true)))
    }

    pub fn use_dir(&self, dir: Option<PathBuf>, demo: bool) {
        *self.selected.lock().unwrap_or_else(|p| p.into_inner()) = dir.map(|d| (d, demo));
    }

    /// Keep a freshly opened store; it replaces any other.
    pub fn opened(&self, store: amparo::Store) {
        *self.store.lock().unwrap_or_else(|p| p.into_inner()) = Some(store);
        self.touch();
    }

    pub fn touch(&self) {
        *self.last_activity.lock().unwrap_or_else(|p| p.into_inner()) = Instant::now();
    }

    pub fn is_unlocked(&self) -> bool {
        self.store.lock().unwrap_or_else(|p| p.into_inner()).is_some()
    }

    /// Drop the open store. Returns whether it was open.
    pub fn lock(&self) -> bool {
        self.store.lock().unwrap_or_else(|p| p.into_inner()).take().is_some()
    }

    /// Lock if idle longer than the auto-lock time. Returns true when it locked.
    pub fn lock_if_idle(&self, now: Instant) -> bool {
        let minutes = self.prefs().auto_lock_minutes.max(1) as u64;
        let idle = now.saturating_duration_since(*self.last_activity.lock().unwrap_or_else(|p| p.into_inner()));
        idle >= Duration::from_secs(minutes * 60) && self.lock()
    }

    /// Run `f` with the open store, or fail with `locked`. Counts as activity.
    pub fn with_store<T>(&self, f: impl FnOnce(&mut amparo::Store) -> amparo::Result<T>) -> ApiResult<T> {
        self.touch();
        let mut guard = self.store.lock().unwrap_or_else(|p| p.into_inner());
        let store = guard.as_mut().ok_or_else(ApiError::locked)?;
        f(store).map_err(ApiError::from)
    }

    /// Like `with_store`, for closures that already speak `ApiResult` (they convert).
    pub fn with_store_api<T>(&self, f: impl FnOnce(&mut amparo::Store) -> ApiResult<T>) -> ApiResult<T> {
        self.touch();
        let mut guard = self.store.lock().unwrap_or_else(|p| p.into_inner());
        let store = guard.as_mut().ok_or_else(ApiError::locked)?;
        f(store)
    }
}
