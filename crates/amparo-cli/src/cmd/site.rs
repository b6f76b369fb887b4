//! `amparo site`: housing sites (beds, who they accept).

use anyhow::bail;
use clap::{Args, Subcommand};
use serde::Serialize;

use amparo_core::domain::{Household, HousingSite, Placement, SiteKind, Volunteer};
use amparo_core::{query, rules};

use super::context::*;

#[derive(Debug, Subcommand)]
pub enum SiteCmd {
    /// Add a housing site
    Add(SiteFields),
    /// List housing sites
    List(JsonFlag),
    /// Show a housing site and its placements
    Show(ShowArgs),
    /// Change a housing site
    Edit {
        /// The site's id (or a unique beginning of it)
        id: String,
        #[command(flatten)]
        fields: SiteFields,
    },
    /// Delete a housing site (only without placements)
    Delete(IdArg),
    /// Sites with enough free beds on every night of a date range
    Free {
        /// First night, YYYY-MM-DD
        #[arg(long)]
        from: String,
        /// Last night, YYYY-MM-DD
        #[arg(long)]
        to: String,
        /// Beds needed
        #[arg(long, default_value_t = 1)]
        size: i64,
        /// Only sites that accept children
        #[arg(long)]
        children: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
}

#[derive(Debug, Args)]
pub struct SiteFields {
    #[arg(long)]
    pub name: Option<String>,
    /// host_home, congregation_property or transitional
    #[arg(long)]
    pub kind: Option<SiteKind>,
    /// Address (sensitive)
    #[arg(long)]
    pub address: Option<String>,
    /// Number of beds
    #[arg(long)]
    pub capacity: Option<i64>,
    /// Language spoken by the hosts (repeat)
    #[arg(long = "language", value_name = "LANGUAGE")]
    pub languages: Vec<String>,
    /// Accepts children (yes/no)
    #[arg(long, value_parser = yes_no, value_name = "yes|no")]
    pub children: Option<bool>,
    /// Accepts pets (yes/no)
    #[arg(long, value_parser = yes_no, value_name = "yes|no")]
    pub pets: Option<bool>,
    /// Accessible (yes/no)
    #[arg(long, value_parser = yes_no, value_name = "yes|no")]
    pub accessible: Option<bool>,
    #[arg(long)]
    pub contact: Option<String>,
    /// Host (volunteer id)
    #[arg(long)]
    pub host: Option<String>,
    /// Verified on, YYYY-MM-DD
    #[arg(long)]
    pub verified_on: Option<String>,
    /// How it was verified, e.g. "background check and home visit"
    #[arg(long)]
    pub verification: Option<String>,
}

impl SiteFields {
    fn apply(self, c: &Ctx<'_>, s: &mut HousingSite) -> anyhow::Result<()> {
        if let Some(n) = self.name {
            s.name = n.trim().to_string();
        }
        if let Some(k) = self.kind {
            s.kind = k;
        }
        set_text(&mut s.address, self.address);
        if let Some(cap) = self.capacity {
            s.capacity = cap;
        }
        set_list(&mut s.languages, self.languages);
        if let Some(b) = self.children {
            s.accepts_children = b;
        }
        if let Some(b) = self.pets {
            s.accepts_pets = b;
        }
        if let Some(b) = self.accessible {
            s.accessible = b;
        }
        set_text(&mut s.contact, self.contact);
        if let Some(h) = self.host {
            s.host_volunteer_id = c.opt_id::<Volunteer>(Some(&h))?;
        }
        if let Some(d) = opt_date("--verified-on", self.verified_on.as_deref())? {
            s.verified_on = d;
        }
        set_text(&mut s.verification, self.verification);
        Ok(())
    }
}

#[derive(Serialize)]
pub(super) struct SiteView {
    site: HousingSite,
    placements: Vec<Placement>,
}

pub(super) fn site(mut c: Ctx<'_>, cmd: SiteCmd) -> anyhow::Result<()> {
    match cmd {
        SiteCmd::Add(fields) => {
            let Some(name) = fields.name.clone() else { bail!("give the site a name with --name") };
            let Some(cap) = fields.capacity else { bail!("give the number of beds with --capacity") };
            let mut s = HousingSite::new(name, cap);
            fields.apply(&c, &mut s)?;
            let id = c.write(|w| rules::add_housing_site(w, &s))?;
            println!("added housing site {id}");
        }
        SiteCmd::List(json) => {
            let list: Vec<HousingSite> =
                amparo_core::ops::housing::sites_on(c.store, c.today())?.into_iter().map(|u| u.site).collect();
            if json.json {
                return print_json(&list);
            }
            for s in &list {
                println!(
                    "{}  {}  {}  {} beds{}",
                    s.id,
                    s.name,
                    s.kind,
                    s.capacity,
                    if s.accepts_children { "" } else { "  no children" }
                );
            }
            print_damaged(c.store, &["housing_site"])?;
        }
        SiteCmd::Show(a) => {
            let s = c.store.get::<HousingSite>(c.id::<HousingSite>(&a.id)?)?;
            let placements = amparo_core::ops::housing::placements(c.store, Some(s.id))?;
            let v = SiteView { site: s, placements };
            if a.json {
                return print_json(&v);
            }
            let s = &v.site;
            println!("{}  ({})", s.name, s.id);
            field("kind", s.kind);
            field("beds", s.capacity);
            opt_field("address", &s.address);
            list_field("languages", &s.languages);
            let yn = |b: bool| if b { "yes" } else { "no" };
            field("children", yn(s.accepts_children));
            field("pets", yn(s.accepts_pets));
            field("accessible", yn(s.accessible));
            opt_field("contact", &s.contact);
            if s.host_volunteer_id.is_some() {
                field("host", name_or_blank::<Volunteer>(c.store, s.host_volunteer_id, "name"));
            }
            opt_field("verified on", &s.verified_on);
            opt_field("verification", &s.verification);
            if !v.placements.is_empty() {
                println!("placements:");
                for p in &v.placements {
                    let fam = name_or_blank::<Household>(c.store, Some(p.household_id), "display_name");
                    println!(
                        "  {}  {}  {} bed(s)  {} to {}",
                        p.id,
                        fam,
                        p.beds,
                        p.start_date,
                        p.last_night().map_or("open".into(), |d| d.to_string())
                    );
                }
            }
        }
        SiteCmd::Edit { id, fields } => {
            let mut s = c.store.get::<HousingSite>(c.id::<HousingSite>(&id)?)?;
            fields.apply(&c, &mut s)?;
            let today = c.today();
            let n = c.write(|w| rules::save_housing_site(w, &s, today))?;
            println!(
                "{}",
                if n == 0 { "nothing changed".to_string() } else { format!("updated housing site {}", s.id) }
            );
        }
        SiteCmd::Delete(a) => {
            let id = c.id::<HousingSite>(&a.id)?;
            c.write(|w| rules::delete_housing_site(w, id))?;
            deleted(1, "housing site");
        }
        SiteCmd::Free { from, to, size, children, json } => {
            let (from, to) = (parse_date("--from", &from)?, parse_date("--to", &to)?);
            let list = query::free_sites(c.store.conn(), from, to, size, children)?;
            if json.json {
                return print_json(&list);
            }
            if list.is_empty() {
                println!("no site has {size} free bed(s) on every night from {from} to {to}");
            }
            for s in &list {
                println!(
                    "{}  {}  {} of {} beds free{}",
                    s.id,
                    s.name,
                    s.free_beds,
                    s.capacity,
                    if s.accepts_children { "" } else { "  no children" }
                );
            }
        }
    }
    Ok(())
}
