//! What every command needs: where the store is, the passphrase, and the time.

use std::path::PathBuf;

use anyhow::{bail, Context};
use chrono::{DateTime, Utc};
use clap::Args;
use zeroize::Zeroizing;

use amparo::{KdfParams, Owner, Store};

pub struct Session {
    pub store_dir: PathBuf,
    /// The current time; `AMPARO_NOW` (RFC 3339) sets it for scripted tests (debug builds).
    pub now: DateTime<Utc>,
}

impl Session {
    pub fn new(store: Option<PathBuf>) -> anyhow::Result<Session> {
        let store_dir = match store {
            Some(dir) => dir,
            None => default_store_dir()?,
        };
        let now = test_clock()?.unwrap_or_else(Utc::now);
        Ok(Session { store_dir, now })
    }

    /// Open the store, and say so on stderr when this computer's clock looks wrong
    /// against it (before any command writes).
    pub fn open(&self) -> anyhow::Result<Store> {
        if !self.store_dir.exists() {
            return Err(amparo::Error::NoStore(self.store_dir.clone()).into());
        }
        let pass = passphrase("Passphrase: ")?;
        let store = Store::open(&self.store_dir, &pass)?;
        if let Some(problem) = store.clock_problem(self.now)? {
            eprintln!("warning: {problem}");
        }
        Ok(store)
    }
}

/// `AMPARO_NOW` (RFC 3339) fakes the clock for scripted tests, in debug builds only: a
/// release build has no test clock (tests of a release binary use `faketime`).
#[cfg(debug_assertions)]
fn test_clock() -> anyhow::Result<Option<DateTime<Utc>>> {
    match std::env::var("AMPARO_NOW") {
        Ok(text) => Ok(Some(
            DateTime::parse_from_rfc3339(&text)
                .with_context(|| format!("AMPARO_NOW={text:?} is not an RFC 3339 time like 2026-11-23T09:00:00Z"))?
                .with_timezone(&Utc),
        )),
        Err(_) => Ok(None),
    }
}

#[cfg(not(debug_assertions))]
fn test_clock() -> anyhow::Result<Option<DateTime<Utc>>> {
    Ok(None)
}

fn default_store_dir() -> anyhow::Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("org", "Amparo", "amparo")
        .context("could not find a data directory for this user; pass --store DIR")?;
    Ok(dirs.data_dir().join("store"))
}

/// `AMPARO_PASSPHRASE` when set (scripts), else a prompt without echo.
pub fn passphrase(prompt: &str) -> anyhow::Result<Zeroizing<String>> {
    if let Ok(p) = std::env::var("AMPARO_PASSPHRASE") {
        return Ok(Zeroizing::new(p));
    }
    let p = rpassword::prompt_password(prompt).context("could not read the passphrase from the terminal; set AMPARO_PASSPHRASE for scripts")?;
    Ok(Zeroizing::new(p))
}

fn new_passphrase(env: &str) -> anyhow::Result<Zeroizing<String>> {
    if let Ok(p) = std::env::var(env) {
        return Ok(Zeroizing::new(p));
    }
    let first = Zeroizing::new(rpassword::prompt_password("New passphrase: ")?);
    let second = Zeroizing::new(rpassword::prompt_password("Repeat it: ")?);
    if *first != *second {
        bail!("the two passphrases differ; nothing was changed");
    }
    if first.chars().count() < 8 {
        bail!("choose a passphrase of at least 8 characters (several words are best)");
    }
    Ok(first)
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Your name as the team will see it
    #[arg(long, default_value = "Me")]
    pub name: String,
    /// A label for this computer, e.g. "church office laptop"
    #[arg(long, default_value = "laptop")]
    pub device: String,
}

pub fn init(session: &Session, args: InitArgs) -> anyhow::Result<()> {
    let pass = new_passphrase("AMPARO_PASSPHRASE")?;
    let owner = Owner { name: args.name, device_label: args.device };
    let store = Store::init(&session.store_dir, &pass, KdfParams::default(), &owner, session.now)?;
    println!("created an encrypted store at {}", store.dir().display());
    println!("keep the passphrase safe: without it the data cannot be recovered");
    Ok(())
}

pub fn passwd(session: &Session) -> anyhow::Result<()> {
    let old = passphrase("Current passphrase: ")?;
    let new = new_passphrase("AMPARO_NEW_PASSPHRASE")?;
    Store::change_passphrase(&session.store_dir, &old, &new, KdfParams::default())?;
    println!("passphrase changed");
    Ok(())
}

#[derive(Debug, Args)]
pub struct DemoArgs {}

pub fn demo(session: &Session, _args: DemoArgs) -> anyhow::Result<()> {
    let pass = new_passphrase("AMPARO_PASSPHRASE")?;
    let owner = Owner { name: "Demo Coordinator".into(), device_label: "demo".into() };
    let mut store = Store::init(&session.store_dir, &pass, KdfParams::default(), &owner, session.now)?;
    let counts = amparo::demo::load(&mut store, session.now)?;
    println!("created a demo store at {} with {counts}", store.dir().display());
    println!("all people and places in it are fictional");
    Ok(())
}
