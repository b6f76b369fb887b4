//! What the shell keeps between commands: the unlocked store (or nothing when locked),
//! the preferences and the time of the last user activity for auto-lock.

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::error::{ApiError, ApiResult};
use crate::prefs::{Paths, Prefs};

pub struct AppState {
    /// `None` while locked. Dropping the store drops the key (the core zeroizes it).
    pub store: Mutex<Option<amparo_core::Store>>,
    pub prefs: Mutex<Prefs>,
    pub paths: Paths,
    pub last_activity: Mutex<Instant>,
    /// Damaged records as last read, read again only once the store changed.
    pub damaged: Mutex<amparo_core::sync::validate::DamagedMemo>,
    /// The activity up to which freed memory was last given back (`give_back_after_use`).
    given_back: Mutex<Option<Instant>>,
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
            damaged: Mutex::default(),
            given_back: Mutex::new(None),
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
    pub fn opened(&self, store: amparo_core::Store) {
        *self.store.lock().unwrap_or_else(|p| p.into_inner()) = Some(store);
        // The memo counts changes on one connection: a store opened again starts it anew.
        *self.damaged.lock().unwrap_or_else(|p| p.into_inner()) = Default::default();
        self.touch();
    }

    pub fn touch(&self) {
        *self.last_activity.lock().unwrap_or_else(|p| p.into_inner()) = Instant::now();
    }

    pub fn is_unlocked(&self) -> bool {
        self.store.lock().unwrap_or_else(|p| p.into_inner()).is_some()
    }

    /// Drop the open store. Returns whether it was open. Its page cache (decrypted pages,
    /// freed by SQLCipher without wiping) goes back to the system.
    pub fn lock(&self) -> bool {
        let store = self.store.lock().unwrap_or_else(|p| p.into_inner()).take();
        let was_open = store.is_some();
        drop(store);
        if was_open {
            crate::memory::give_back();
        }
        was_open
    }

    /// Give freed memory back to the system if there was activity since the last time
    /// (the auto-lock timer asks every few seconds). What a command allocates and frees —
    /// a screen reading every row of a table, an import's page cache — would otherwise
    /// stay with the process as the allocator's free memory. Returns whether it gave back.
    pub fn give_back_after_use(&self) -> bool {
        let activity = *self.last_activity.lock().unwrap_or_else(|p| p.into_inner());
        let mut given = self.given_back.lock().unwrap_or_else(|p| p.into_inner());
        if *given == Some(activity) {
            return false;
        }
        *given = Some(activity);
        drop(given);
        crate::memory::give_back();
        true
    }

    /// Lock if idle longer than the auto-lock time. Returns true when it locked.
    pub fn lock_if_idle(&self, now: Instant) -> bool {
        let minutes = self.prefs().auto_lock_minutes.max(1) as u64;
        let idle = now.saturating_duration_since(*self.last_activity.lock().unwrap_or_else(|p| p.into_inner()));
        idle >= Duration::from_secs(minutes * 60) && self.lock()
    }

    /// Run `f` with the open store, or fail with `locked`. Counts as activity.
    pub fn with_store<T>(&self, f: impl FnOnce(&mut amparo_core::Store) -> amparo_core::Result<T>) -> ApiResult<T> {
        self.touch();
        let mut guard = self.store.lock().unwrap_or_else(|p| p.into_inner());
        let store = guard.as_mut().ok_or_else(ApiError::locked)?;
        f(store).map_err(ApiError::from)
    }

    /// Like `with_store`, for closures that already speak `ApiResult` (they convert).
    pub fn with_store_api<T>(&self, f: impl FnOnce(&mut amparo_core::Store) -> ApiResult<T>) -> ApiResult<T> {
        self.touch();
        let mut guard = self.store.lock().unwrap_or_else(|p| p.into_inner());
        let store = guard.as_mut().ok_or_else(ApiError::locked)?;
        f(store)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(dir: &std::path::Path) -> AppState {
        let paths = Paths {
            prefs_file: dir.join("settings.json"),
            default_store_dir: dir.join("store"),
            demo_store_dir: dir.join("demo"),
        };
        AppState::new(paths)
    }

    fn open_store(dir: &std::path::Path) -> amparo_core::Store {
        let owner = amparo_core::Owner { name: "T".into(), device_label: "t".into() };
        amparo_core::Store::init(
            &dir.join("s"),
            "a long pass phrase",
            amparo_core::KdfParams::MINIMUM,
            &owner,
            chrono::Utc::now(),
        )
        .unwrap()
    }

    #[test]
    fn the_store_locks_after_the_idle_time_and_not_before() {
        let dir = tempfile::tempdir().unwrap();
        let st = state(dir.path());
        assert_eq!(st.prefs().auto_lock_minutes, 5);
        st.opened(open_store(dir.path()));
        let start = Instant::now();
        assert!(!st.lock_if_idle(start + Duration::from_secs(4 * 60)));
        assert!(st.is_unlocked());
        assert!(st.lock_if_idle(start + Duration::from_secs(5 * 60 + 1)));
        assert!(!st.is_unlocked());
        let err = st.with_store(|s| s.list::<amparo_core::domain::Household>()).unwrap_err();
        assert_eq!(err.code, crate::error::ErrorCode::Locked);
    }

    #[test]
    fn freed_memory_is_given_back_once_after_each_activity() {
        let dir = tempfile::tempdir().unwrap();
        let st = state(dir.path());
        st.opened(open_store(dir.path()));
        assert!(st.give_back_after_use());
        assert!(!st.give_back_after_use(), "nothing happened since");
        std::thread::sleep(Duration::from_millis(5));
        st.with_store(|s| s.list::<amparo_core::domain::Household>()).unwrap();
        assert!(st.give_back_after_use());
        assert!(!st.give_back_after_use());
    }

    #[test]
    fn activity_pushes_the_lock_back_and_a_shorter_setting_takes_effect() {
        let dir = tempfile::tempdir().unwrap();
        let st = state(dir.path());
        st.opened(open_store(dir.path()));
        st.prefs.lock().unwrap().auto_lock_minutes = 1;
        std::thread::sleep(Duration::from_millis(20));
        st.touch();
        let touched = Instant::now();
        assert!(!st.lock_if_idle(touched + Duration::from_secs(50)));
        assert!(st.lock_if_idle(touched + Duration::from_secs(61)));
    }
}
