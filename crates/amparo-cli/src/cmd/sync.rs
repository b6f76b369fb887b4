//! Team, roster and sync commands: team, member, sync, conflicts, purge, backup, restore.

use std::path::PathBuf;

use anyhow::{bail, Context};
use clap::{Args, Subcommand};

use amparo_core::domain::Role;
use amparo_core::sync::{self, conflicts, purge, roster, Card};

use super::session::{self, Session};

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
    #[command(after_help = "Asks you to confirm first; scripts, which have no terminal to ask on, pass --yes.")]
    Purge(PurgeArgs),
    /// Write a passphrase-protected backup of the whole store
    #[command(
        after_help = "Asks for the store's passphrase, then a passphrase for the backup twice. Without a terminal (scripts), set AMPARO_PASSPHRASE and AMPARO_BACKUP_PASSPHRASE."
    )]
    Backup(BackupArgs),
    /// Restore a backup into a new store directory (--store), as a new device of yours that a
    /// coordinator adds (new device id and keys); --replace-device keeps the old device's
    /// identity, only for a device that is lost for good
    #[command(
        after_help = "Asks for the backup's passphrase. Without a terminal (scripts), set AMPARO_BACKUP_PASSPHRASE."
    )]
    Restore(RestoreArgs),
}

#[derive(Debug, Subcommand)]
pub enum TeamCmd {
    /// Make a new team with you as its first coordinator
    Create { name: String },
    /// Trust a coordinator's card (a file) and join their team
    #[command(
        after_help = "Shows the coordinator's fingerprint and asks you to confirm it matches the one on their screen. Scripts, which have no terminal to ask on, pass --yes once the fingerprint was compared."
    )]
    Join {
        card: PathBuf,
        /// The fingerprint was compared with the coordinator's screen; do not ask
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum MemberCmd {
    /// Print this device's member card (to hand over in person)
    Card {
        /// Also write it to this file (missing folders are created)
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Add a member from their card file (coordinators only)
    Add {
        card: PathBuf,
        /// coordinator, accompanier, host, shift_volunteer, driver, dispatcher or responder
        #[arg(long)]
        role: Role,
        /// The member's own volunteer record (name or id from `amparo volunteer list`):
        /// a host, shift volunteer, driver or responder receives their sites, shifts, rides or incidents
        /// through it, and an accompanier signs themselves up with it
        #[arg(long, value_name = "VOLUNTEER")]
        volunteer: Option<String>,
    },
    /// Link a member to their volunteer record, or unlink with --none (coordinators only)
    Link {
        member: String,
        #[arg(long, value_name = "VOLUNTEER", required_unless_present = "none")]
        volunteer: Option<String>,
        #[arg(long, conflicts_with = "volunteer")]
        none: bool,
    },
    /// Give a member another role (coordinators only); what they already changed keeps
    /// counting by the role they had then
    Role {
        member: String,
        /// coordinator, accompanier, host, shift_volunteer, driver, dispatcher or responder
        #[arg(long)]
        role: Role,
    },
    /// What a member's devices hold of this store's records as their role cuts it, and
    /// when a bundle last went to them (the question to ask when a laptop is lost)
    Received {
        member: String,
        #[arg(long)]
        json: bool,
    },
    /// List the team's members and devices
    List {
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Revoke all devices of a member (coordinators only)
    Revoke { member: String },
    /// Export this device's age identity so the standard `age` tool can read bundles
    #[command(
        after_help = "Unless --plaintext, asks twice for a passphrase that protects the file. Without a terminal (scripts), set AMPARO_IDENTITY_PASSPHRASE (and AMPARO_PASSPHRASE for the store)."
    )]
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
    Status {
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ConflictsCmd {
    /// List open conflicts, high-stakes first
    List {
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
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
    /// Do not ask for confirmation (scripts; without a terminal a purge needs it)
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
    /// Take over the identity of the device the backup was made on, instead of becoming a
    /// new device of yours that a coordinator adds. Only when that device is lost for good
    /// and will never be used again: two machines signing as one device lose changes.
    #[arg(long)]
    replace_device: bool,
}

fn read_card(path: &PathBuf) -> anyhow::Result<Card> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading the card {}", path.display()))?;
    Ok(Card::parse(&text)?)
}

/// A volunteer by id, id prefix or exact name (in any case).
fn find_volunteer(store: &amparo_core::Store, text: &str) -> anyhow::Result<uuid::Uuid> {
    if let Ok(id) = store.resolve_id::<amparo_core::domain::Volunteer>(text) {
        return Ok(id);
    }
    let wanted = text.trim().to_lowercase();
    let hits: Vec<amparo_core::domain::Volunteer> = store
        .list::<amparo_core::domain::Volunteer>()?
        .into_iter()
        .filter(|v| v.name.trim().to_lowercase() == wanted)
        .collect();
    match hits.as_slice() {
        [one] => Ok(one.id),
        [] => bail!("no volunteer is called {text:?}; add them first (amparo volunteer add) or use an id from `amparo volunteer list`"),
        _ => bail!("more than one volunteer is called {text:?}; use the id from `amparo volunteer list`"),
    }
}

/// Variables that give scripts the passphrases these commands ask for.
pub const BACKUP_PASSPHRASE_ENV: &str = "AMPARO_BACKUP_PASSPHRASE";
pub const IDENTITY_PASSPHRASE_ENV: &str = "AMPARO_IDENTITY_PASSPHRASE";

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
        SyncCommand::Team(TeamCmd::Join { card, yes }) => {
            let card = read_card(&card)?;
            let mut store = session.open()?;
            println!("coordinator: {} ({})", card.name, card.device_label);
            println!("fingerprint: {}", card.fingerprint());
            println!("compare this fingerprint with the one the coordinator reads from their screen");
            session::confirm(
                yes,
                "does it match, character for character?",
                "confirm the coordinator's fingerprint: compare it with their screen, then repeat with --yes (nothing was joined)",
            )?;
            let t = sync::roster::join_team(&mut store, &card, now)?;
            println!("joined the team {:?}; give your card to the coordinator: amparo member card", t.name);
        }
        SyncCommand::Member(MemberCmd::Card { out }) => {
            let mut store = session.open()?;
            let text = roster::own_card_text(&mut store, now)?;
            print!("{text}");
            if let Some(out) = out {
                if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
                    std::fs::create_dir_all(dir).with_context(|| {
                        format!("could not create the folder {} for the card; choose another --out", dir.display())
                    })?;
                }
                amparo_core::store::write_private(&out, text.as_bytes())?;
                eprintln!("card written to {}", out.display());
            }
        }
        SyncCommand::Member(MemberCmd::Add { card, role, volunteer }) => {
            let card = read_card(&card)?;
            let mut store = session.open()?;
            let volunteer = volunteer.map(|v| find_volunteer(&store, &v)).transpose()?;
            roster::add_member(&mut store, &card, role, now)?;
            if volunteer.is_some() {
                roster::link_volunteer(&mut store, card.member_id, volunteer, now)?;
            }
            println!("added {} as {role}", card.name);
            if volunteer.is_none() && roster::needs_volunteer_link(role) {
                println!("warning: as a {role} they will receive nothing of the team's work until they are linked to their volunteer record:");
                println!("  amparo member link {} --volunteer NAME", roster::short(card.member_id));
            } else if volunteer.is_none() && role == Role::Accompanier {
                // Signing up for a court date and their own tasks go through the link.
                println!("note: until they are linked to their volunteer record they cannot sign themselves up for court dates or receive tasks assigned to them:");
                println!("  amparo member link {} --volunteer NAME", roster::short(card.member_id));
            }
            println!("fingerprint: {}  (compare it with the one on their screen)", card.fingerprint());
            println!("now send them a full bundle: amparo sync export --to {} --full --out DIR", card.member_id);
        }
        SyncCommand::Member(MemberCmd::List { json }) => {
            let store = session.open()?;
            let members = roster::members(store.conn())?;
            let member_ids: Vec<uuid::Uuid> = members.iter().map(|m| m.id).collect();
            let device_ids: Vec<uuid::Uuid> = members.iter().flat_map(|m| m.devices.iter().map(|d| d.id)).collect();
            let (mshort, dshort) = (
                amparo_core::store::records::unique_prefixes(&member_ids),
                amparo_core::store::records::unique_prefixes(&device_ids),
            );
            if json {
                let list: Vec<serde_json::Value> = members
                    .iter()
                    .map(|m| {
                        let devices: Vec<serde_json::Value> = m
                            .devices
                            .iter()
                            .map(|d| {
                                serde_json::json!({
                                    "id": d.id,
                                    "label": d.label,
                                    "revoked_at": d.revoked_at,
                                    "fingerprint": d.keys.as_ref().map(|k| k.fingerprint(d.id)),
                                })
                            })
                            .collect();
                        serde_json::json!({
                            "id": m.id,
                            "name": m.name,
                            "role": m.role,
                            "you": m.id == store.member_id(),
                            "devices": devices,
                        })
                    })
                    .collect();
                return print_json(&list);
            }
            for m in &members {
                let role = m.role.map(|r| r.to_string()).unwrap_or_else(|| "no role".into());
                let me = if m.id == store.member_id() { " (you)" } else { "" };
                println!("{}  {}{}  {}", mshort[&m.id], m.name, me, role);
                for d in &m.devices {
                    let state = match &d.revoked_at {
                        Some(at) => format!("revoked {}", local_minutes(at)),
                        None => "active".into(),
                    };
                    let fp = d.keys.as_ref().map(|k| k.fingerprint(d.id)).unwrap_or_else(|| "no keys".into());
                    println!("    device {}  {}  {}  {}", dshort[&d.id], d.label, state, fp);
                }
            }
        }
        SyncCommand::Member(MemberCmd::Link { member, volunteer, none: _ }) => {
            let mut store = session.open()?;
            let m = roster::find_member(store.conn(), &member)?;
            let volunteer = volunteer.map(|v| find_volunteer(&store, &v)).transpose()?;
            roster::link_volunteer(&mut store, m.id, volunteer, now)?;
            match volunteer {
                Some(v) => println!(
                    "linked {} to the volunteer {}",
                    m.name,
                    amparo_core::query::label_of(store.conn(), "volunteer", v)?.unwrap_or_default()
                ),
                None => println!("{} is no longer linked to a volunteer record", m.name),
            }
            println!(
                "their next bundle carries what their role receives through it: amparo sync export --to {} --out DIR",
                roster::short(m.id)
            );
        }
        SyncCommand::Member(MemberCmd::Role { member, role }) => {
            let mut store = session.open()?;
            let m = roster::find_member(store.conn(), &member)?;
            roster::set_role(&mut store, m.id, role, now)?;
            println!("{} is now {}", m.name, role.as_str());
            if roster::needs_volunteer_link(role) && roster::volunteer_of(store.conn(), m.id)?.is_none() {
                println!(
                    "they will receive nothing until linked to their volunteer record: amparo member link {} --volunteer VOLUNTEER",
                    roster::short(m.id)
                );
            }
            println!(
                "their next bundle carries what the new role receives: amparo sync export --to {} --out DIR",
                roster::short(m.id)
            );
        }
        SyncCommand::Member(MemberCmd::Received { member, json }) => {
            let store = session.open()?;
            let m = roster::find_member(store.conn(), &member)?;
            let r = sync::export::received_by(&store, &m)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&r)?);
                return Ok(());
            }
            let role = r.role.map(|r| r.to_string()).unwrap_or_else(|| "no role".into());
            println!("{} ({role})", m.name);
            match r.last_bundle {
                Some(at) => println!(
                    "last bundle from this device: {}",
                    at.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M")
                ),
                None => println!("no bundle has gone to them from this device"),
            }
            if r.volunteer.is_none() && r.role.is_some_and(roster::needs_volunteer_link) {
                println!("not linked to a volunteer record, so they receive nothing but the roster");
            }
            if r.records.is_empty() {
                println!("their role receives none of this store's records");
            }
            for (table, n) in &r.records {
                println!("  {n:>6}  {}", table.replace('_', " "));
            }
            println!(
                "data already shared cannot be recalled; revoke a lost device with: amparo member revoke {}",
                roster::short(m.id)
            );
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
            let file = if plaintext {
                eprintln!("warning: the file holds your secret key unprotected; anyone who copies it can read every bundle sent to you");
                sync::keys::identity_file(&keys, None)?
            } else {
                let pass = session::new_passphrase_from(
                    IDENTITY_PASSPHRASE_ENV,
                    "Passphrase for the identity file: ",
                    "a passphrase for the identity file",
                )?;
                sync::keys::identity_file(&keys, Some((&pass, work_factor())))?
            };
            amparo_core::store::write_private(&export, &file)?;
            println!(
                "identity written to {}; decrypt a bundle with: age -d -i {} FILE.age",
                export.display(),
                export.display()
            );
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
            let mut results = Vec::new();
            let mut skipped = 0;
            for p in paths {
                if p.is_dir() {
                    let report = sync::import_dir(&mut store, &p, now)?;
                    skipped += report.skipped;
                    results.extend(report.imported.into_iter().map(|i| (i.path, i.outcome)));
                } else {
                    let outcome = sync::import_file(&mut store, &p, now);
                    results.push((p, outcome));
                }
            }
            let mut failed = 0;
            for (f, outcome) in results {
                match outcome {
                    Ok(s) => println!("{}: {s}", f.display()),
                    Err(e) => {
                        failed += 1;
                        eprintln!("{}: {e}", f.display());
                    }
                }
            }
            if skipped > 0 {
                println!("skipped {skipped} bundle(s) meant for other members or written by this device");
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
        SyncCommand::Sync(SyncCmd::Status { json }) => {
            let store = session.open()?;
            if json {
                let last = sync::activity::last_sync(store.conn())?;
                return print_json(
                    &serde_json::json!({ "last_sync": last, "open_conflicts": conflicts::to_decide(&store)?.len() }),
                );
            }
            print!(
                "{}",
                last_sync_text(&sync::activity::last_sync(store.conn())?, conflicts::to_decide(&store)?.len())
            );
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
                    println!("    {}", super::context::damaged_line(d));
                }
            }
            let held = sync::held::list(store.conn())?;
            let ahead = held.iter().filter(|h| h.reason == sync::held::HeldReason::AheadOfClock).count();
            if ahead > 0 {
                println!("{ahead} changes dated ahead of this computer's clock are held, not applied; see amparo sync conflicts");
            }
            let waiting = held.len() - ahead;
            if waiting > 0 {
                println!("{waiting} changes edit records this store has not received yet and wait for them");
            }
        }
        SyncCommand::Conflicts(ConflictsCmd::List { json }) => {
            let store = session.open()?;
            let all = conflicts::to_decide(&store)?;
            if json {
                return print_json(&all);
            }
            let mut prefixes = std::collections::HashMap::new();
            // Edits waiting for their record resolve themselves when it comes: nothing to decide.
            let held = sync::held::ahead_of_clock(store.conn())?;
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
                // Only the schema's own table names reach the query, never a synced string.
                if let (false, Some(t)) = (prefixes.contains_key(&c.table), amparo_core::schema::table(&c.table)) {
                    prefixes.insert(
                        c.table.clone(),
                        amparo_core::store::records::unique_prefixes_in(store.conn(), t.name)?,
                    );
                }
                let record = prefixes
                    .get(&c.table)
                    .and_then(|p| p.get(&c.record_id))
                    .cloned()
                    .unwrap_or_else(|| c.record_id.to_string());
                let mark = if c.review {
                    "  REVIEW: changed by someone who is not a coordinator"
                } else if c.high_stakes {
                    "  HIGH STAKES"
                } else {
                    ""
                };
                let field = if c.field == amparo_core::schema::COURT_TIME[0] { "time" } else { c.field.as_str() };
                println!("{}  {} {} field {}{}", c.id, c.table.replace('_', " "), record, field, mark);
                if let Some(label) = &c.record_label {
                    println!("    {label}");
                }
                if let Some(family) = &c.family {
                    println!("    family: {family}");
                }
                let deletion = c.field == amparo_core::schema::DELETED;
                for (i, v) in c.versions.iter().enumerate() {
                    let now_mark = if i == 0 { " (in force)" } else { "" };
                    let shown = match &v.value {
                        serde_json::Value::Bool(true) if deletion => "deleted".to_string(),
                        serde_json::Value::Bool(false) if deletion => "restored".to_string(),
                        value if deletion => format!("edit not seen by the deletion: {value}"),
                        value => value.to_string(),
                    };
                    let by = v.author_name.as_deref().map(|n| format!(" by {n}")).unwrap_or_default();
                    println!("    {}: {}  at {}{}{}", i + 1, shown, crate_wall(v.hlc), by, now_mark);
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
                (None, Some(v)) => {
                    conflicts::Keep::Value(serde_json::from_str(&v).unwrap_or(serde_json::Value::String(v)))
                }
                _ => bail!("say which value to keep: --keep N (as listed) or --value NEW"),
            };
            let c = conflicts::resolve(&mut store, &id, keep, now)?;
            println!("resolved {}; the decision reaches the team with the next sync", c.id);
        }
        SyncCommand::Purge(args) => {
            let mut store = session.open()?;
            if let Some(days) = args.closed_older_than {
                let n = purge::closed_older_than(store.conn(), days, now)?.len();
                if n == 0 {
                    println!("no closed families were closed {days} or more days ago; nothing was purged");
                    return Ok(());
                }
                session::confirm(
                    args.yes,
                    &format!("purge {n} closed families from every device they sync to? This cannot be undone."),
                    &format!("this would purge {n} closed families from every device they sync to and cannot be undone; repeat with --yes"),
                )?;
                let n = purge::purge_closed(&mut store, days, now)?;
                println!("purged {n} closed families");
            } else {
                let Some(h) = args.household else {
                    bail!("name the family to purge, or give --closed-older-than DAYS")
                };
                // Refused before asking for --yes: confirming would not help.
                if !purge::may_forget_families(&store)? {
                    return Err(amparo_core::Error::from(amparo_core::Refusal::NotCoordinatorToForget).into());
                }
                let id = store.resolve_id::<amparo_core::domain::Household>(&h)?;
                session::confirm(
                    args.yes,
                    "purge this family's data from every device it syncs to? This cannot be undone.",
                    "purging removes the family's data from every device it syncs to and cannot be undone; repeat with --yes",
                )?;
                let n = purge::forget_family(&mut store, id, now)?;
                println!("purged the family ({n} records); the purge reaches the team with the next sync");
            }
        }
        SyncCommand::Backup(args) => {
            let store = session.open()?;
            let pass = session::new_passphrase_from(
                BACKUP_PASSPHRASE_ENV,
                "Backup passphrase: ",
                "a passphrase for the backup",
            )?;
            let n = sync::backup::backup(&store, &args.file, &pass, sync::backup::BackupCost(work_factor()))?;
            println!("wrote a backup of {n} bytes to {}", args.file.display());
            println!("restoring needs this backup passphrase and the store's passphrase");
        }
        SyncCommand::Restore(args) => {
            let pass =
                session::passphrase_from(BACKUP_PASSPHRASE_ENV, "Backup passphrase: ", "the backup's passphrase")?;
            let store_pass = super::session::passphrase("Passphrase of the backed-up store: ")?;
            let as_ = if args.replace_device {
                sync::backup::RestoreAs::ReplacedDevice
            } else {
                sync::backup::RestoreAs::NewDevice
            };
            let mut store = sync::backup::restore(&args.file, &session.store_dir, &pass, &store_pass, as_, now)?;
            println!("restored into {}", session.store_dir.display());
            if args.replace_device {
                eprintln!("warning: this store now signs as the device the backup was made on; never use that device again (wipe it if it turns up): two machines signing as one device lose each other's changes");
            } else if roster::team(store.conn())?.is_some() {
                let fp = roster::own_card(&mut store, now)?.fingerprint();
                println!("this is a new device (fingerprint {fp}); until a coordinator adds it, the team refuses its bundles:");
                println!("give them its card (amparo member card --out card.txt); if the old device was lost, ask them to revoke it");
            }
        }
    }
    Ok(())
}

fn print_json<T: serde::Serialize>(value: &T) -> anyhow::Result<()> {
    println!("{}", serde_json::to_string_pretty(value).context("could not format the output as JSON")?);
    Ok(())
}

/// A stored time (RFC 3339) as a person reads it: local time, to the minute.
fn local_minutes(at: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(at) {
        Ok(t) => t.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M").to_string(),
        Err(_) => at.to_string(),
    }
}

fn crate_wall(hlc: u64) -> String {
    amparo_core::clock::Hlc(hlc).wall().format("%Y-%m-%d %H:%M UTC").to_string()
}

/// `amparo sync status`, in the words of the home screen's "Last sync".
fn last_sync_text(last: &sync::activity::LastSync, open_conflicts: usize) -> String {
    use std::fmt::Write;
    let when =
        |at: &chrono::DateTime<chrono::Utc>| at.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M").to_string();
    let mut out = String::new();
    match &last.received {
        None => out.push_str("received: nothing yet\n"),
        Some(r) => {
            let from = r.from.as_deref().unwrap_or("a member no longer on the roster");
            let _ = writeln!(
                out,
                "received: {} from {from}: {} new, {} updated, {} conflicts opened",
                when(&r.at),
                r.new,
                r.updated,
                r.conflicts
            );
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
            let _ = writeln!(
                out,
                "sent: {} to {}",
                when(&s.at),
                if s.to.is_empty() { "members no longer on the roster".to_string() } else { s.to.join(", ") }
            );
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
                families: vec![
                    family(Some("Familia Rojas"), false),
                    family(Some("Familia Vieja"), true),
                    family(None, false),
                    family(None, true),
                ],
                more_families: true,
                other_changes: 3,
            }),
            sent: None,
        };
        let text = last_sync_text(&last, 2);
        let lines: Vec<&str> = text.lines().skip(1).collect();
        assert!(
            text.starts_with("received: ")
                && text
                    .lines()
                    .next()
                    .unwrap()
                    .ends_with(" from a member no longer on the roster: 1 new, 2 updated, 0 conflicts opened"),
            "{text}"
        );
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
