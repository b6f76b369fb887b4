//! Team, roster and sync commands: team, member, sync, conflicts, purge, backup, restore.

use std::path::PathBuf;

use anyhow::{bail, Context};
use clap::{Args, Subcommand};
use zeroize::Zeroizing;

use amparo::domain::Role;
use amparo::sync::{self, conflicts, purge, roster, Card};

use super::session::Session;

#[derive(Debug, Subcommand)]
pub enum SyncCommand {
    /// Create a team, or join one with a coordinator's card
    #[command(subcommand)]
    Team(TeamCmd),
    /// The team roster: cards, adding and revoking members, this device's identity
    #[command(subcommand)]
    Member(MemberCmd),
    /// Exchange bundle files with the team
    #[command(subcommand)]
    Sync(SyncCmd),
    /// Review and decide conflicting edits
    #[command(subcommand)]
    Conflicts(ConflictsCmd),
    /// Remove a family's data from every replica, leaving only a tombstone (on a team,
    /// only a coordinator may)
    Purge(PurgeArgs),
    /// Write a passphrase-protected backup of the whole store
    Backup(BackupArgs),
    /// Restore a backup into a new store directory (--store)
    Restore(RestoreArgs),
}

#[derive(Debug, Subcommand)]
pub enum TeamCmd {
    /// Make a new team with you as its first coordinator
    Create { name: String },
    /// Trust a coordinator's card (a file) and join their team
    Join { card: PathBuf },
}

#[derive(Debug, Subcommand)]
pub enum MemberCmd {
    /// Print this device's member card (to hand over in person)
    Card {
        /// Also write it to this file
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Add a member from their card file (coordinators only)
    Add {
        card: PathBuf,
        /// coordinator, accompanier, host, shift_volunteer or driver
        #[arg(long)]
        role: Role,
    },
    /// List the team's members and devices
    List,
    /// Revoke all devices of a member (coordinators only)
    Revoke { member: String },
    /// Export this device's age identity so the standard `age` tool can read bundles
    Identity {
        #[arg(long, value_name = "FILE")]
        export: PathBuf,
        /// Write the key unprotected (anyone who gets the file can read your bundles)
        #[arg(long)]
        plaintext: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum SyncCmd {
    /// Write one bundle per member into a directory
    Export {
        /// Member names or ids, or "all" (default: all)
        #[arg(long, num_args = 1..)]
        to: Vec<String>,
        /// Everything the member may see, not only what they are not known to have
        #[arg(long)]
        full: bool,
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Import bundle files (or every bundle in directories)
    Import {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Mailbox mode: import new bundles from DIR and write fresh ones into it
    Folder { dir: PathBuf },
    /// Print the canonical state hash (replicas with the same data print the same)
    Hash,
    /// When bundles were last received and sent, and which families the last one changed
    Status,
}

#[derive(Debug, Subcommand)]
pub enum ConflictsCmd {
    /// List open conflicts, high-stakes first
    List,
    /// Decide a conflict: keep the n-th listed value, or a new value
    Resolve {
        id: String,
        /// The number of the value to keep, as listed (1 = in force now)
        #[arg(long, conflicts_with = "value")]
        keep: Option<usize>,
        /// A new value (JSON, or plain text)
        #[arg(long)]
        value: Option<String>,
    },
    /// Set aside for good a change held for its future date (its id as listed)
    DiscardHeld { id: String },
}

#[derive(Debug, Args)]
pub struct PurgeArgs {
    /// The family (household) id
    household: Option<String>,
    /// Instead: purge every closed family closed at least this many days ago
    #[arg(long, value_name = "DAYS", conflicts_with = "household")]
    closed_older_than: Option<i64>,
    /// Do not ask for confirmation
    #[arg(long)]
    yes: bool,
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    file: PathBuf,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    file: PathBuf,
}

fn read_card(path: &PathBuf) -> anyhow::Result<Card> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading the card {}", path.display()))?;
    Ok(Card::parse(&text)?)
}

fn secret(env: &str, prompt: &str) -> anyhow::Result<Zeroizing<String>> {
    if let Ok(p) = std::env::var(env) {
        return Ok(Zeroizing::new(p));
    }
    let first = Zeroizing::new(rpassword::prompt_password(prompt)?);
    let second = Zeroizing::new(rpassword::prompt_password("Repeat it: ")?);
    if *first != *second {
        bail!("the two passphrases differ; nothing was written");
    }
    Ok(first)
}

fn work_factor() -> Option<u8> {
    std::env::var("AMPARO_SCRYPT_WORK_FACTOR").ok().and_then(|s| s.parse().ok())
}

pub fn run(session: &Session, cmd: SyncCommand) -> anyhow::Result<()> {
    let now = session.now;
    match cmd {
        SyncCommand::Team(TeamCmd::Create { name }) => {
            let mut store = session.open()?;
            let t = sync::roster::create_team(&mut store, &name, now)?;
            println!("created the team {:?} with you as coordinator (team id {})", t.name, t.short_id());
            println!("give new members your card: amparo member card --out my-card.txt");
        }
        SyncCommand::Team(TeamCmd::Join { card }) => {
            let card = read_card(&card)?;
            let mut store = session.open()?;
            println!("coordinator: {} ({})", card.name, card.device_label);
            println!("fingerprint: {}", card.fingerprint());
            println!("compare this fingerprint with the one the coordinator reads from their screen");
            let t = sync::roster::join_team(&mut store, &card, now)?;
            println!("joined the team {:?}; give your card to the coordinator: amparo member card", t.name);
        }
        SyncCommand::Member(MemberCmd::Card { out }) => {
            let mut store = session.open()?;
            let card = roster::own_card(&mut store, now)?;
            let text = card.to_text();
            print!("{text}");
            if let Some(out) = out {
                std::fs::write(&out, &text).with_context(|| format!("writing {}", out.display()))?;
                eprintln!("card written to {}", out.display());
            }
        }
        SyncCommand::Member(MemberCmd::Add { card, role }) => {
            let card = read_card(&card)?;
            let mut store = session.open()?;
            roster::add_member(&mut store, &card, role, now)?;
            println!("added {} as {role}", card.name);
            println!("fingerprint: {}  (compare it with the one on their screen)", card.fingerprint());
            println!("now send them a full bundle: amparo sync export --to {} --full --out DIR", card.member_id);
        }
        SyncCommand::Member(MemberCmd::List) => {
            let store = session.open()?;
            for m in roster::members(store.conn())? {
                let role = m.role.map(|r| r.to_string()).unwrap_or_else(|| "no role".into());
                let me = if m.id == store.member_id() { " (you)" } else { "" };
                println!("{}  {}{}  {}", &m.id.to_string()[..8], m.name, me, role);
                for d in &m.devices {
                    let state = match &d.revoked_at {
                        Some(at) => format!("revoked {at}"),
                        None => "active".into(),
                    };
                    let fp = d.keys.as_ref().map(|k| k.fingerprint(d.id)).unwrap_or_else(|| "no keys".into());
                    println!("    device {}  {}  {}  {}", &d.id.to_string()[..8], d.label, state, fp);
                }
            }
        }
        SyncCommand::Member(MemberCmd::Revoke { member }) => {
            let mut store = session.open()?;
            let m = roster::find_member(store.conn(), &member)?;
            let n = roster::revoke_member(&mut store, m.id, now)?;
            println!("revoked {n} device(s) of {}", m.name);
            println!("new bundles will not be encrypted to them and bundles they sign are refused;");
            println!("data already shared with them cannot be recalled");
        }
        SyncCommand::Member(MemberCmd::Identity { export, plaintext }) => {
            let mut store = session.open()?;
            let keys = sync::keys::load(&mut store, now)?;
            let id = keys.age_identity_text();
            if plaintext {
                eprintln!("warning: the file holds your secret key unprotected; anyone who copies it can read every bundle sent to you");
                let text = Zeroizing::new(format!("# Amparo device identity (age)\n{}\n", id.as_str()));
                std::fs::write(&export, text.as_bytes()).with_context(|| format!("writing {}", export.display()))?;
            } else {
                let pass = secret("AMPARO_IDENTITY_PASSPHRASE", "Passphrase for the identity file: ")?;
                let mut r = age::scrypt::Recipient::new(age::secrecy::SecretString::from(pass.to_string()));
                if let Some(n) = work_factor() {
                    r.set_work_factor(n);
                }
                let text = Zeroizing::new(format!("{}\n", id.as_str()));
                let enc = age::encrypt_and_armor(&r, text.as_bytes()).context("encrypting the identity")?;
                std::fs::write(&export, enc).with_context(|| format!("writing {}", export.display()))?;
            }
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let _ = std::fs::set_permissions(&export, std::fs::Permissions::from_mode(0o600));
            }
            println!("identity written to {}; decrypt a bundle with: age -d -i {} FILE.age", export.display(), export.display());
        }
        SyncCommand::Sync(SyncCmd::Export { to, full, out }) => {
            let mut store = session.open()?;
            let ids = if to.is_empty() || to.iter().any(|t| t == "all") {
                vec![]
            } else {
                to.iter().map(|t| roster::find_member(store.conn(), t).map(|m| m.id)).collect::<Result<Vec<_>, _>>()?
            };
            let written = sync::export_to_dir(&mut store, &ids, full, &out, now)?;
            if written.is_empty() {
                println!("no other member can receive bundles yet");
            }
            for w in written {
                println!("{}: {} changes for {}", w.path.display(), w.ops, w.member_name);
            }
        }
        SyncCommand::Sync(SyncCmd::Import { paths }) => {
            let mut store = session.open()?;
            let mut files = Vec::new();
            for p in paths {
                if p.is_dir() {
                    let mut v: Vec<PathBuf> = std::fs::read_dir(&p)
                        .with_context(|| format!("reading {}", p.display()))?
                        .filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|p| p.extension().is_some_and(|e| e == "age"))
                        .collect();
                    v.sort();
                    files.extend(v);
                } else {
                    files.push(p);
                }
            }
            let mut failed = 0;
            for f in files {
                match sync::import_file(&mut store, &f, now) {
                    Ok(s) => println!("{}: {s}", f.display()),
                    Err(e) => {
                        failed += 1;
                        eprintln!("{}: {e}", f.display());
                    }
                }
            }
            if failed > 0 {
                bail!("{failed} file(s) were not imported; the store is unchanged by them");
            }
        }
        SyncCommand::Sync(SyncCmd::Folder { dir }) => {
            let mut store = session.open()?;
            let report = sync::sync_folder(&mut store, &dir, now)?;
            for i in &report.imported {
                match &i.outcome {
                    Ok(s) => println!("{}: {s}", i.path.display()),
                    Err(e) => eprintln!("{}: {e}", i.path.display()),
                }
            }
            for w in &report.written {
                println!("wrote {} ({} changes for {})", w.path.display(), w.ops, w.member_name);
            }
            if !report.pruned.is_empty() {
                println!("removed {} earlier bundles of this device that are no longer needed", report.pruned.len());
            }
        }
        SyncCommand::Sync(SyncCmd::Hash) => {
            let store = session.open()?;
            println!("{}", sync::canonical_hash(&store)?);
        }
        SyncCommand::Sync(SyncCmd::Status) => {
            let store = session.open()?;
            print!("{}", last_sync_text(&sync::activity::last_sync(store.conn())?, conflicts::list(store.conn())?.len()));
            for s in sync::activity::stalls(store.conn())? {
                println!(
                    "sync with {} is stalled: after {} imports in a row since {} this store still lacks changes they hold from {} devices; import their other files, or ask them for a full export (amparo sync export --full)",
                    s.from.as_deref().unwrap_or("a former member"),
                    s.imports,
                    s.since.format("%Y-%m-%d %H:%M UTC"),
                    s.devices
                );
            }
            let damaged = sync::validate::damaged(store.conn())?;
            if !damaged.is_empty() {
                println!("{} records could not be read (damaged; lists leave them out):", damaged.len());
                for d in &damaged {
                    let field = d.field.map(|f| format!(", field {f}")).unwrap_or_default();
                    println!("    {} {}{field}", d.noun, d.id);
                }
                println!("    correct the field with the record's edit command, or delete the record");
            }
            let held = sync::held::list(store.conn())?.len();
            if held > 0 {
                println!("{held} changes dated ahead of this computer's clock are held, not applied; see amparo sync conflicts");
            }
        }
        SyncCommand::Conflicts(ConflictsCmd::List) => {
            let store = session.open()?;
            let all = conflicts::list(store.conn())?;
            let held = sync::held::list(store.conn())?;
            if all.is_empty() && held.is_empty() {
                println!("no conflicts to review");
            }
            for h in &held {
                println!(
                    "{}  {} {} fields {}  HELD: dated {}, ahead of this computer's clock (the sender's clock may be wrong); it applies when the clock reaches it, or set it aside with amparo sync conflicts discard-held",
                    h.id,
                    h.table,
                    &h.record_id.to_string()[..8],
                    h.fields.join(", "),
                    h.dated.format("%Y-%m-%d %H:%M UTC")
                );
            }
            for c in all {
                let mark = if c.high_stakes { "  HIGH STAKES" } else { "" };
                println!("{}  {} {} field {}{}", c.id, c.table, &c.record_id.to_string()[..8], c.field, mark);
                let deletion = c.field == amparo::schema::DELETED;
                for (i, v) in c.versions.iter().enumerate() {
                    let now_mark = if i == 0 { " (in force)" } else { "" };
                    let shown = match &v.value {
                        serde_json::Value::Bool(true) if deletion => "deleted".to_string(),
                        serde_json::Value::Bool(false) if deletion => "restored".to_string(),
                        value if deletion => format!("edit not seen by the deletion: {value}"),
                        value => value.to_string(),
                    };
                    println!("    {}: {}  at {}{}", i + 1, shown, crate_wall(v.hlc), now_mark);
                }
                if deletion {
                    println!("    keep a \"deleted\" line to delete the record; keep any other line to restore it");
                }
            }
        }
        SyncCommand::Conflicts(ConflictsCmd::DiscardHeld { id }) => {
            let mut store = session.open()?;
            sync::held::discard(&mut store, &id, now)?;
            println!("set aside; it will not apply on this store");
        }
        SyncCommand::Conflicts(ConflictsCmd::Resolve { id, keep, value }) => {
            let mut store = session.open()?;
            let keep = match (keep, value) {
                (Some(n), None) => conflicts::Keep::Listed(n),
                (None, Some(v)) => conflicts::Keep::Value(serde_json::from_str(&v).unwrap_or(serde_json::Value::String(v))),
                _ => bail!("say which value to keep: --keep N (as listed) or --value NEW"),
            };
            let c = conflicts::resolve(&mut store, &id, keep, now)?;
            println!("resolved {}; the decision reaches the team with the next sync", c.id);
        }
        SyncCommand::Purge(args) => {
            let mut store = session.open()?;
            if let Some(days) = args.closed_older_than {
                let n = purge::purge_closed(&mut store, days, now)?;
                println!("purged {n} closed families");
            } else {
                let Some(h) = args.household else { bail!("name the family to purge, or give --closed-older-than DAYS") };
                // Refused before asking for --yes: confirming would not help.
                if !purge::may_forget_families(&store)? {
                    return Err(amparo::Error::from(amparo::Refusal::NotCoordinatorToForget).into());
                }
                if !args.yes {
                    bail!("purging removes the family's data from every device it syncs to and cannot be undone; repeat with --yes");
                }
                let id = store.resolve_id::<amparo::domain::Household>(&h)?;
                let n = purge::forget_family(&mut store, id, now)?;
                println!("purged the family ({n} records); the purge reaches the team with the next sync");
            }
        }
        SyncCommand::Backup(args) => {
            let store = session.open()?;
            let pass = secret("AMPARO_BACKUP_PASSPHRASE", "Backup passphrase: ")?;
            let n = sync::backup::backup(&store, &args.file, &pass, sync::backup::BackupCost(work_factor()))?;
            println!("wrote a backup of {n} bytes to {}", args.file.display());
            println!("restoring needs this backup passphrase and the store's passphrase");
        }
        SyncCommand::Restore(args) => {
            let pass = match std::env::var("AMPARO_BACKUP_PASSPHRASE") {
                Ok(p) => Zeroizing::new(p),
                Err(_) => Zeroizing::new(rpassword::prompt_password("Backup passphrase: ")?),
            };
            sync::backup::restore(&args.file, &session.store_dir, &pass)?;
            println!("restored into {}; open it with the store's passphrase", session.store_dir.display());
        }
    }
    Ok(())
}

fn crate_wall(hlc: u64) -> String {
    amparo::clock::Hlc(hlc).wall().format("%Y-%m-%d %H:%M UTC").to_string()
}

/// `amparo sync status`, in the words of the home screen's "Last sync".
fn last_sync_text(last: &sync::activity::LastSync, open_conflicts: usize) -> String {
    use std::fmt::Write;
    let when = |at: &chrono::DateTime<chrono::Utc>| at.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M").to_string();
    let mut out = String::new();
    match &last.received {
        None => out.push_str("received: nothing yet\n"),
        Some(r) => {
            let from = r.from.as_deref().unwrap_or("a member no longer on the roster");
            let _ = writeln!(out, "received: {} from {from}: {} new, {} updated, {} conflicts opened", when(&r.at), r.new, r.updated, r.conflicts);
            for f in &r.families {
                let kinds: Vec<&str> = f
                    .kinds
                    .iter()
                    .map(|k| match k.as_str() {
                        "household" => "family",
                        "court_date" => "court date",
                        "court_accompanier" => "accompaniers",
                        "placement" => "housing",
                        "sanctuary_guest" => "sanctuary",
                        other => other,
                    })
                    .collect();
                let name = match (&f.name, f.deleted) {
                    (Some(name), false) => name.clone(),
                    (Some(name), true) => format!("{name} (deleted)"),
                    (None, false) => "(a family whose name this store does not hold)".into(),
                    (None, true) => "(a deleted or forgotten family)".into(),
                };
                let _ = writeln!(out, "  {name}: {}", kinds.join(", "));
            }
            if r.more_families {
                out.push_str("  and more families\n");
            }
            if r.other_changes > 0 {
                let _ = writeln!(out, "  {} other records (team, rota, housing sites, volunteers)", r.other_changes);
            }
        }
    }
    match &last.sent {
        None => out.push_str("sent: nothing yet\n"),
        Some(s) => {
            let _ = writeln!(out, "sent: {} to {}", when(&s.at), if s.to.is_empty() { "members no longer on the roster".to_string() } else { s.to.join(", ") });
        }
    }
    if open_conflicts > 0 {
        let _ = writeln!(out, "{open_conflicts} conflicts to review: amparo conflicts list");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use sync::activity::{ChangedFamily, LastSync, Received};

    #[test]
    fn sync_status_names_each_family_as_this_store_holds_it() {
        let family = |name: Option<&str>, deleted: bool| ChangedFamily {
            household_id: uuid::Uuid::now_v7(),
            name: name.map(String::from),
            deleted,
            kinds: vec!["household".into(), "court_date".into()],
        };
        let at = chrono::Utc::now();
        let last = LastSync {
            received: Some(Received {
                at,
                from: None,
                new: 1,
                updated: 2,
                conflicts: 0,
                families: vec![family(Some("Familia Rojas"), false), family(Some("Familia Vieja"), true), family(None, false), family(None, true)],
                more_families: true,
                other_changes: 3,
            }),
            sent: None,
        };
        let text = last_sync_text(&last, 2);
        let lines: Vec<&str> = text.lines().skip(1).collect();
        assert!(text.starts_with("received: ") && text.lines().next().unwrap().ends_with(" from a member no longer on the roster: 1 new, 2 updated, 0 conflicts opened"), "{text}");
        assert_eq!(
            lines,
            [
                "  Familia Rojas: family, court date",
                "  Familia Vieja (deleted): family, court date",
                "  (a family whose name this store does not hold): family, court date",
                "  (a deleted or forgotten family): family, court date",
                "  and more families",
                "  3 other records (team, rota, housing sites, volunteers)",
                "sent: nothing yet",
                "2 conflicts to review: amparo conflicts list",
            ]
        );
    }
}
