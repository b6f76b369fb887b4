//! Drives the `amparo` binary as a user would: a fresh store directory, a passphrase in
//! the environment, a fixed clock, and HOME/XDG/TMPDIR pointed into the test's own
//! temporary directory so every file the process writes can be inspected.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

pub const PASS: &str = "correct horse battery staple";
/// The fixed "now" of these tests: a Monday morning in Chicago.
pub const NOW: &str = "2026-11-23T15:00:00Z";

pub struct Env {
    pub root: TempDir,
    pub store: PathBuf,
    pub home: PathBuf,
}

impl Env {
    /// A test environment with no store yet.
    pub fn empty() -> Env {
        let root = tempfile::tempdir().expect("temp dir");
        let store = root.path().join("store");
        let home = root.path().join("home");
        for d in ["", "/config", "/data", "/cache", "/state", "/runtime", "/tmp"] {
            std::fs::create_dir_all(format!("{}{d}", home.display())).unwrap();
        }
        Env { root, store, home }
    }

    /// A test environment with an initialised store.
    pub fn new() -> Env {
        let env = Env::empty();
        env.ok(&["init", "--name", "Ana Coordinator", "--device", "office laptop"]);
        env
    }

    pub fn cmd(&self) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_amparo"));
        c.env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("AMPARO_STORE", &self.store)
            .env("AMPARO_PASSPHRASE", PASS)
            .env("AMPARO_NOW", NOW)
            .env("HOME", &self.home)
            .env("XDG_CONFIG_HOME", self.home.join("config"))
            .env("XDG_DATA_HOME", self.home.join("data"))
            .env("XDG_CACHE_HOME", self.home.join("cache"))
            .env("XDG_STATE_HOME", self.home.join("state"))
            .env("XDG_RUNTIME_DIR", self.home.join("runtime"))
            .env("TMPDIR", self.home.join("tmp"))
            .env("TZ", "UTC")
            .env("RUST_BACKTRACE", "0");
        c
    }

    /// Run a command that must succeed; returns its standard output.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().expect("run amparo");
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(out.status.success(), "amparo {args:?} failed:\nstdout: {stdout}\nstderr: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        stdout
    }

    /// Run a command that must fail cleanly; returns its standard error.
    pub fn fail(&self, args: &[&str]) -> String {
        self.fail_with(self.cmd(), args)
    }

    pub fn fail_with(&self, mut cmd: Command, args: &[&str]) -> String {
        let out = cmd.args(args).output().expect("run amparo");
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(
            !out.status.success(),
            "amparo {args:?} should have failed; stdout: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert!(!stderr.contains("panicked"), "amparo {args:?} panicked: {stderr}");
        assert!(stderr.starts_with("error: "), "amparo {args:?}: {stderr}");
        stderr
    }

    pub fn json(&self, args: &[&str]) -> Value {
        let mut a: Vec<&str> = args.to_vec();
        a.push("--json");
        let out = self.ok(&a);
        serde_json::from_str(&out)
            .unwrap_or_else(|e| panic!("amparo {args:?} --json printed invalid JSON ({e}):\n{out}"))
    }

    /// Every file of the store directory with its bytes.
    pub fn store_files(&self) -> BTreeMap<String, Vec<u8>> {
        files_under(&self.store)
    }
}

/// The id at the end of an "added … ID" line.
pub fn added_id(out: &str) -> String {
    out.lines()
        .find(|l| l.starts_with("added"))
        .and_then(|l| l.split_whitespace().find(|w| w.len() == 36 && w.matches('-').count() == 4))
        .unwrap_or_else(|| panic!("no id in {out:?}"))
        .to_string()
}

pub fn files_under(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if let Ok(bytes) = std::fs::read(&p) {
                out.insert(p.strip_prefix(dir).unwrap().display().to_string(), bytes);
            }
        }
    }
    out
}
