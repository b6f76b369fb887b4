//! Handing memory the app no longer uses back to the system.
//!
//! glibc's allocator keeps what a program frees for its next allocations; only the top of
//! its main heap goes back by itself. A screen that reads every row of a table, an import
//! (whose page cache of up to `PAGE_CACHE_KIB` goes back to the allocator when it ends) or
//! closing the store when it locks (SQLCipher frees its page cache without wiping it) can
//! leave tens of MiB free but resident. `give_back` returns the allocator's whole free
//! pages to the kernel, so what those pages held is gone from the process, not merely
//! marked free. The app calls it a few seconds after activity and when the store locks;
//! BENCHMARKS.md ("Memory") has what it measures.

/// Return the allocator's free pages to the system (glibc's `malloc_trim`). Cheap (it
/// walks the free lists) and harmless when there is nothing to return; a no-op elsewhere.
pub fn give_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        extern "C" {
            fn malloc_trim(pad: usize) -> std::ffi::c_int;
        }
        // SAFETY: `malloc_trim` only takes each arena's own lock and releases free memory;
        // it touches no memory the program holds, and any thread may call it at any time.
        unsafe {
            malloc_trim(0);
        }
    }
}
