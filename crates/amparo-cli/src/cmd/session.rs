//! What every command needs: where the store is, the passphrase, and the time.

use std::path::PathBuf;

use anyhow::{bail, Context};
use chrono::{DateTime, Utc};
use clap::Args;
use zeroize::Zeroizing;

use amparo_core::{KdfParams, Owner, Store};

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
            return Err(amparo_core::Error::NoStore(self.store_dir.clone()).into());
        }
        let pass = passphrase("Passphrase: ")?;
        let mut store = Store::open(&self.store_dir, &pass)?;
        let repaired = store.take_repaired_court_times()?;
        if !repaired.is_empty() {
            let ids: Vec<String> = repaired.iter().map(|id| id.to_string()).collect();
            eprintln!(
                "note: {} court date(s) had a UTC time that disagreed with their local time and zone; each now follows its local time (check them with `amparo court show ID`): {}",
                repaired.len(),
                ids.join(", ")
            );
        }
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

/// The variable that gives the store's passphrase to scripts.
pub const PASSPHRASE_ENV: &str = "AMPARO_PASSPHRASE";
/// `amparo passwd`'s new passphrase.
pub const NEW_PASSPHRASE_ENV: &str = "AMPARO_NEW_PASSPHRASE";

/// Whether a person can be asked: standard input is a terminal. Scripts, pipes and
/// services never are, and are never prompted (a prompt there fails with "No such device
/// or address" or waits forever).
pub fn interactive() -> bool {
    use std::io::IsTerminal;
    std::io::stdin().is_terminal()
}

/// A passphrase: the environment variable `env` when set (scripts), else asked on the
/// terminal without echo. `what` names it in the message given when neither is possible.
pub fn passphrase_from(env: &str, prompt: &str, what: &str) -> anyhow::Result<Zeroizing<String>> {
    if let Ok(p) = std::env::var(env) {
        return Ok(Zeroizing::new(p));
    }
    if !interactive() {
        bail!(
            "{what} is needed and there is no terminal to ask for it; set the environment variable {env} (see --help)"
        );
    }
    let p = rpassword::prompt_password(prompt).with_context(|| {
        format!("could not read {what} from the terminal; set the environment variable {env} instead")
    })?;
    Ok(Zeroizing::new(p))
}

/// The store's passphrase: `AMPARO_PASSPHRASE` when set, else a prompt without echo.
pub fn passphrase(prompt: &str) -> anyhow::Result<Zeroizing<String>> {
    passphrase_from(PASSPHRASE_ENV, prompt, "the store's passphrase")
}

/// A new passphrase: the variable `env` when set, else asked twice on the terminal.
pub fn new_passphrase_from(env: &str, prompt: &str, what: &str) -> anyhow::Result<Zeroizing<String>> {
    if let Ok(p) = std::env::var(env) {
        return Ok(Zeroizing::new(p));
    }
    let first = passphrase_from(env, prompt, what)?;
    let second = passphrase_from(env, "Repeat it: ", what)?;
    if *first != *second {
        bail!("the two passphrases differ; nothing was changed");
    }
    Ok(first)
}

fn new_passphrase(env: &str) -> anyhow::Result<Zeroizing<String>> {
    new_passphrase_from(env, "New passphrase: ", "a new passphrase for the store")
}

/// Ask a person to confirm something that cannot be undone: without `--yes`, they type
/// `yes` on the terminal. Without a terminal, refused with `refusal` (which says to repeat
/// with --yes). Nothing is asked when `yes` is given.
pub fn confirm(yes: bool, question: &str, refusal: &str) -> anyhow::Result<()> {
    if yes {
        return Ok(());
    }
    if !interactive() {
        bail!("{refusal}");
    }
    eprint!("{question} [y/N] ");
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer).context("could not read the answer from the terminal")?;
    match answer.trim().to_lowercase().as_str() {
        "y" | "yes" | "s" | "si" | "sí" => Ok(()),
        _ => bail!("not confirmed; nothing was changed"),
    }
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
    let pass = new_passphrase(PASSPHRASE_ENV)?;
    let owner = Owner { name: args.name, device_label: args.device };
    let store = Store::init(&session.store_dir, &pass, KdfParams::default(), &owner, session.now)?;
    println!("created an encrypted store at {}", store.dir().display());
    println!("keep the passphrase safe: without it the data cannot be recovered");
    Ok(())
}

pub fn passwd(session: &Session) -> anyhow::Result<()> {
    let old = passphrase("Current passphrase: ")?;
    let new = new_passphrase(NEW_PASSPHRASE_ENV)?;
    Store::change_passphrase(&session.store_dir, &old, &new, KdfParams::default())?;
    println!("passphrase changed");
    Ok(())
}

#[derive(Debug, Args)]
pub struct DemoArgs {}

pub fn demo(session: &Session, _args: DemoArgs) -> anyhow::Result<()> {
    let pass = new_passphrase(PASSPHRASE_ENV)?;
    let owner = Owner { name: "Demo Coordinator".into(), device_label: "demo".into() };
    let mut store = Store::init(&session.store_dir, &pass, KdfParams::default(), &owner, session.now)?;
    let counts = amparo_core::demo::load(&mut store, session.now)?;
    println!("created a demo store at {} with {counts}", store.dir().display());
    println!("all people and places in it are fictional");
    Ok(())
}
