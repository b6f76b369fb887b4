//! `amparo bond`: from a detention to release — where a person is held, the bond fund's
//! ledger, commissary and phone deposits, and release with its check-ins.

use anyhow::bail;
use clap::Subcommand;

use amparo_core::detention::{self as det, dollars, parse_cents};
use amparo_core::domain::{
    parse_time_zone, Bond, BondStatus, DepositKind, Detention, Incident, Person, PlaceTime, ReleaseCondition, Volunteer,
};
use amparo_core::ops::bond as ledger;

use super::context::*;

#[derive(Debug, Subcommand)]
pub enum BondCmd {
    /// Record a detention of a person (add the person and family first)
    Detained {
        /// The person (id)
        #[arg(long)]
        person: String,
        /// Where they are held
        #[arg(long)]
        facility: String,
        /// The date, YYYY-MM-DD (default: today)
        #[arg(long)]
        on: Option<String>,
        #[arg(long)]
        facility_phone: Option<String>,
        /// The ICE ERO field office
        #[arg(long)]
        ero_office: Option<String>,
        /// Detainee or booking number
        #[arg(long)]
        booking_number: Option<String>,
        /// The incident that reported it (id)
        #[arg(long)]
        incident: Option<String>,
    },
    /// A move to another facility
    Transfer {
        /// The detention (id)
        detention: String,
        #[arg(long)]
        facility: String,
        /// YYYY-MM-DD (default: today)
        #[arg(long)]
        on: Option<String>,
    },
    /// The ICE detainee locator was checked now
    LocatorChecked { detention: String },
    /// Release, with its conditions; each --check-in becomes an appointment of the family
    #[command(
        after_help = "A check-in is \"YYYY-MM-DD HH:MM\" local to --tz, with its place after a |, e.g. --check-in \"2026-12-07 09:00|ISAP office, 101 W Ida B Wells Dr\"."
    )]
    Released {
        detention: String,
        /// YYYY-MM-DD (default: today)
        #[arg(long)]
        on: Option<String>,
        /// ankle_monitor, isap, check_ins or other (repeat)
        #[arg(long = "condition")]
        conditions: Vec<ReleaseCondition>,
        #[arg(long = "check-in")]
        check_ins: Vec<String>,
        /// IANA time zone of the check-ins, e.g. America/Chicago
        #[arg(long)]
        tz: Option<String>,
    },
    /// Post a bond: the amount and the fund's share (default: all of it)
    Post {
        detention: String,
        /// e.g. 7500 or $7,500.00
        #[arg(long)]
        amount: String,
        #[arg(long)]
        fund_share: Option<String>,
        #[arg(long)]
        obligor: Option<String>,
        #[arg(long)]
        on: Option<String>,
    },
    /// Mark a bond posted, active, breached, being_returned or returned
    Mark { bond: String, status: BondStatus },
    /// The refund received: the bond is returned
    Refund {
        bond: String,
        #[arg(long)]
        amount: String,
        #[arg(long)]
        on: Option<String>,
    },
    /// Money put on a commissary or phone account
    Deposit {
        detention: String,
        /// commissary or phone
        #[arg(long)]
        kind: DepositKind,
        #[arg(long)]
        amount: String,
        /// e.g. Access Corrections, Securus
        #[arg(long)]
        vendor: Option<String>,
        /// Who paid (volunteer id)
        #[arg(long)]
        by: Option<String>,
        #[arg(long)]
        on: Option<String>,
    },
    /// The fund's ledger: every detention with its bonds and deposits, and the totals
    List(JsonFlag),
    /// One detention, with its bonds and deposits
    Detention(ShowArgs),
}

fn day(c: &Ctx<'_>, flag: &str, text: Option<&str>) -> anyhow::Result<chrono::NaiveDate> {
    match text {
        Some(t) => parse_date(flag, t),
        None => Ok(c.today()),
    }
}

fn print_page(p: &ledger::DetentionPage) {
    let d = &p.detention;
    let held = if d.released_on.is_some() { "was held at" } else { "held at" };
    println!("{}  {} ({})  {held} {}", d.id, p.person, p.family, d.current_facility());
    opt_field("detained", &d.detained_on);
    opt_field("facility phone", &d.facility_phone);
    opt_field("ERO office", &d.ero_office);
    opt_field("booking number", &d.booking_number);
    for t in &d.transfers {
        field("transfer", format!("{} to {}", t.on, t.facility));
    }
    opt_field("locator checked", &d.last_locator_check.map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string()));
    if let Some(r) = d.released_on {
        let conditions: Vec<String> = d.release_conditions.iter().map(|c| c.as_str().replace('_', " ")).collect();
        field(
            "released",
            if conditions.is_empty() { r.to_string() } else { format!("{r} ({})", conditions.join(", ")) },
        );
    }
    for b in &p.bonds {
        let refund = b
            .refund_cents
            .map(|r| format!(", {} back on {}", dollars(r), b.refund_on.map(|d| d.to_string()).unwrap_or_default()))
            .unwrap_or_default();
        println!(
            "  bond {}  {} (fund {})  {}{}{refund}",
            b.id,
            dollars(b.amount_cents),
            dollars(b.fund_share_cents),
            b.status.as_str().replace('_', " "),
            b.obligor.as_deref().map(|o| format!(", obligor {o}")).unwrap_or_default()
        );
    }
    for x in &p.deposits {
        println!(
            "  deposit {}  {} {} {}",
            x.made_on,
            x.kind,
            dollars(x.amount_cents),
            x.vendor.as_deref().unwrap_or("")
        );
    }
}

pub(super) fn bond_cmd(mut c: Ctx<'_>, cmd: BondCmd) -> anyhow::Result<()> {
    let now = c.session.now;
    match cmd {
        BondCmd::Detained { person, facility, on, facility_phone, ero_office, booking_number, incident } => {
            let mut d = Detention::new(c.id::<Person>(&person)?, facility.trim());
            d.detained_on = Some(day(&c, "--on", on.as_deref())?);
            set_text(&mut d.facility_phone, facility_phone);
            set_text(&mut d.ero_office, ero_office);
            set_text(&mut d.booking_number, booking_number);
            d.incident_id = c.opt_id::<Incident>(incident.as_deref())?;
            let id = c.write(|w| det::add_detention(w, &d))?;
            println!("added detention {id}");
        }
        BondCmd::Transfer { detention, facility, on } => {
            let id = c.id::<Detention>(&detention)?;
            let on = day(&c, "--on", on.as_deref())?;
            let d = c.write(|w| det::transfer(w, id, &facility, on))?;
            println!("moved to {} on {on}", d.current_facility());
        }
        BondCmd::LocatorChecked { detention } => {
            let id = c.id::<Detention>(&detention)?;
            c.write(|w| det::locator_checked(w, id, now))?;
            println!("locator check recorded");
        }
        BondCmd::Released { detention, on, conditions, check_ins, tz } => {
            let id = c.id::<Detention>(&detention)?;
            let on = day(&c, "--on", on.as_deref())?;
            let mut appointments = Vec::new();
            if !check_ins.is_empty() {
                let Some(tz) = tz.as_deref() else {
                    bail!("say the check-ins' time zone with --tz, e.g. --tz America/Chicago")
                };
                let zone = parse_time_zone(tz)?;
                for text in &check_ins {
                    let (when, place) = text.split_once('|').unwrap_or((text.as_str(), ""));
                    if place.trim().is_empty() {
                        bail!("give each --check-in its place after a |, e.g. \"2026-12-07 09:00|ISAP office\"");
                    }
                    let (local, _) = parse_local("--check-in", when)?;
                    appointments.push((PlaceTime::new(local, zone)?, place.to_string()));
                }
            }
            let made = c.write(|w| det::release(w, id, on, &conditions, &appointments))?;
            println!("released on {on}; {} check-in(s) added to the family's court dates and appointments", made.len());
            for m in made {
                println!("  {m}");
            }
        }
        BondCmd::Post { detention, amount, fund_share, obligor, on } => {
            let id = c.id::<Detention>(&detention)?;
            let amount = parse_cents(&amount)?;
            let share = match fund_share.as_deref() {
                Some(s) => parse_cents(s)?,
                None => amount,
            };
            let on = day(&c, "--on", on.as_deref())?;
            let b = c.write(|w| det::post_bond(w, id, amount, share, obligor, on))?;
            println!("posted bond {} of {} (the fund's share {})", b.id, dollars(amount), dollars(share));
        }
        BondCmd::Mark { bond, status } => {
            let id = c.id::<Bond>(&bond)?;
            c.write(|w| det::bond_status(w, id, status))?;
            println!("bond {id} is {}", status.as_str().replace('_', " "));
        }
        BondCmd::Refund { bond, amount, on } => {
            let id = c.id::<Bond>(&bond)?;
            let cents = parse_cents(&amount)?;
            let on = day(&c, "--on", on.as_deref())?;
            c.write(|w| det::refund(w, id, cents, on))?;
            println!("refund of {} recorded; bond {id} is returned", dollars(cents));
        }
        BondCmd::Deposit { detention, kind, amount, vendor, by, on } => {
            let id = c.id::<Detention>(&detention)?;
            let cents = parse_cents(&amount)?;
            let by = c.opt_id::<Volunteer>(by.as_deref())?;
            let on = day(&c, "--on", on.as_deref())?;
            c.write(|w| det::deposit(w, id, kind, vendor, cents, by, on))?;
            println!("recorded a {kind} deposit of {}", dollars(cents));
        }
        BondCmd::List(json) => {
            let l = ledger::ledger(c.store)?;
            if json.json {
                return print_json(&l);
            }
            println!(
                "fund: {} out on bonds, {} breached, {} refunded; {} in deposits",
                dollars(l.outstanding_cents),
                dollars(l.breached_cents),
                dollars(l.refunded_cents),
                dollars(l.deposits_cents)
            );
            for p in &l.detentions {
                print_page(p);
            }
        }
        BondCmd::Detention(a) => {
            let page = ledger::detention(c.store, c.id::<Detention>(&a.id)?)?;
            if a.json {
                return print_json(&page);
            }
            print_page(&page);
        }
    }
    Ok(())
}
