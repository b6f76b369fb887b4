//! `amparo sanctuary`: sanctuary sites and the guests living there.

use clap::Subcommand;
use serde::Serialize;
use uuid::Uuid;

use amparo_core::domain::{parse_time_zone, Congregation, Person, SanctuaryGuest, SanctuarySite, Volunteer};
use amparo_core::rules;

use super::context::*;

#[derive(Debug, Subcommand)]
pub enum SanctuaryCmd {
    /// Sanctuary sites (religious property where a guest lives)
    #[command(subcommand)]
    Site(SanctuarySiteCmd),
    /// Guests in sanctuary
    #[command(subcommand)]
    Guest(GuestCmd),
}

#[derive(Debug, Subcommand)]
pub enum SanctuarySiteCmd {
    /// Add a sanctuary site
    Add {
        #[arg(long)]
        name: String,
        /// A short code used where the name must not appear (door rota, calendars)
        #[arg(long)]
        code: String,
        /// The site's IANA time zone, e.g. America/Chicago
        #[arg(long, env = "AMPARO_TZ")]
        tz: String,
        /// Address (sensitive)
        #[arg(long)]
        address: Option<String>,
        /// Host congregation (id)
        #[arg(long)]
        congregation: Option<String>,
        /// Host contact (volunteer id)
        #[arg(long)]
        host: Option<String>,
    },
    /// List sanctuary sites
    List(JsonFlag),
}

#[derive(Debug, Subcommand)]
pub enum GuestCmd {
    /// Record that a person is in sanctuary at a site
    Add {
        /// The person (id)
        #[arg(long)]
        person: String,
        /// The sanctuary site (id)
        #[arg(long)]
        site: String,
        /// Since, YYYY-MM-DD (default: today)
        #[arg(long)]
        since: Option<String>,
        /// Until, YYYY-MM-DD
        #[arg(long)]
        until: Option<String>,
    },
    /// List guests
    List(JsonFlag),
}

#[derive(Serialize)]
pub(super) struct GuestView {
    guest: SanctuaryGuest,
    first_name: String,
    site: String,
}

pub(super) fn sanctuary(mut c: Ctx<'_>, cmd: SanctuaryCmd) -> anyhow::Result<()> {
    match cmd {
        SanctuaryCmd::Site(SanctuarySiteCmd::Add { name, code, tz, address, congregation, host }) => {
            let s = SanctuarySite {
                id: Uuid::now_v7(),
                name: name.trim().to_string(),
                code: code.trim().to_string(),
                address,
                time_zone: parse_time_zone(&tz)?,
                congregation_id: c.opt_id::<Congregation>(congregation.as_deref())?,
                host_volunteer_id: c.opt_id::<Volunteer>(host.as_deref())?,
            };
            let id = c.write(|w| rules::add_sanctuary_site(w, &s))?;
            println!("added sanctuary site {id}");
        }
        SanctuaryCmd::Site(SanctuarySiteCmd::List(json)) => {
            let list = amparo_core::ops::sanctuary::sites(c.store)?;
            if json.json {
                return print_json(&list);
            }
            for s in &list {
                println!("{}  {}  [{}]  {}", s.id, s.name, s.code, s.time_zone);
            }
            print_damaged(c.store, &["sanctuary_site"])?;
        }
        SanctuaryCmd::Guest(GuestCmd::Add { person, site, since, until }) => {
            let g = SanctuaryGuest {
                id: Uuid::now_v7(),
                person_id: c.id::<Person>(&person)?,
                site_id: c.id::<SanctuarySite>(&site)?,
                since: match since {
                    Some(d) => parse_date("--since", &d)?,
                    None => c.today(),
                },
                until: opt_date("--until", until.as_deref())?.flatten(),
            };
            let id = c.write(|w| rules::add_sanctuary_guest(w, &g))?;
            println!("added sanctuary guest {id}");
        }
        SanctuaryCmd::Guest(GuestCmd::List(json)) => {
            let views: Vec<GuestView> = amparo_core::ops::sanctuary::guests(c.store)?
                .into_iter()
                .map(|g| GuestView { guest: g.guest, first_name: g.first_name, site: g.site_name })
                .collect();
            if json.json {
                return print_json(&views);
            }
            for v in &views {
                println!("{}  {}  at {}  since {}", v.guest.id, v.first_name, v.site, v.guest.since);
            }
        }
    }
    Ok(())
}
