//! `amparo placement`: a family placed at a housing site, its check-ins.

use anyhow::bail;
use clap::{Args, Subcommand};
use uuid::Uuid;

use amparo_core::domain::{Household, HousingSite, Placement, Volunteer};
use amparo_core::{rules, Store};

use super::context::*;

#[derive(Debug, Subcommand)]
pub enum PlacementCmd {
    /// Place a family at a housing site
    Add {
        /// The family (id)
        #[arg(long)]
        family: String,
        /// The housing site (id)
        #[arg(long)]
        site: String,
        #[command(flatten)]
        fields: PlacementFields,
    },
    /// List current and upcoming placements (all with --all)
    List {
        #[arg(long)]
        all: bool,
        /// Only at this site (id)
        #[arg(long)]
        site: Option<String>,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Show a placement
    Show(ShowArgs),
    /// Change a placement
    Edit {
        /// The placement's id (or a unique beginning of it)
        id: String,
        #[command(flatten)]
        fields: PlacementFields,
        /// Actual last night, YYYY-MM-DD ("none" to clear)
        #[arg(long)]
        actual_end: Option<String>,
    },
    /// End a placement: its actual last night
    End {
        /// The placement (id)
        id: String,
        /// Last night, YYYY-MM-DD (default: today)
        #[arg(long)]
        on: Option<String>,
    },
    /// Delete a placement
    Delete(IdArg),
}

#[derive(Debug, Args)]
pub struct PlacementFields {
    /// Place a family with children at a site that accepts none (the host agreed)
    #[arg(long)]
    pub allow_children: bool,
    /// Beds the family takes (default: the number of persons in the family)
    #[arg(long)]
    pub beds: Option<i64>,
    /// First night, YYYY-MM-DD
    #[arg(long)]
    pub start: Option<String>,
    /// Expected last night, YYYY-MM-DD ("none": open-ended)
    #[arg(long)]
    pub end: Option<String>,
    /// Support-team lead (volunteer id)
    #[arg(long)]
    pub lead: Option<String>,
    /// Check-in schedule, e.g. "weekly, Tuesdays"
    #[arg(long)]
    pub checkin: Option<String>,
    #[arg(long)]
    pub notes: Option<String>,
}

impl PlacementFields {
    fn apply(self, c: &Ctx<'_>, p: &mut Placement) -> anyhow::Result<()> {
        if let Some(b) = self.beds {
            p.beds = b;
        }
        if let Some(s) = self.start {
            p.start_date = parse_date("--start", &s)?;
        }
        if let Some(e) = opt_date("--end", self.end.as_deref())? {
            p.expected_end = e;
        }
        if let Some(l) = self.lead {
            p.support_lead_id = c.opt_id::<Volunteer>(Some(&l))?;
        }
        set_text(&mut p.checkin_schedule, self.checkin);
        set_text(&mut p.notes, self.notes);
        Ok(())
    }
}

pub(super) fn placement_line(store: &Store, p: &Placement) -> String {
    format!(
        "{}  {}  at {}  {} bed(s)  {} to {}{}",
        p.id,
        name_or_blank::<Household>(store, Some(p.household_id), "display_name"),
        name_or_blank::<HousingSite>(store, Some(p.site_id), "name"),
        p.beds,
        p.start_date,
        p.last_night().map_or("open".into(), |d| d.to_string()),
        if p.actual_end.is_some() { " (ended)" } else { "" }
    )
}

pub(super) fn placement(mut c: Ctx<'_>, cmd: PlacementCmd) -> anyhow::Result<()> {
    match cmd {
        PlacementCmd::Add { family, site, fields } => {
            let hid = c.id::<Household>(&family)?;
            let sid = c.id::<HousingSite>(&site)?;
            let Some(start) = fields.start.as_deref() else { bail!("give the first night with --start YYYY-MM-DD") };
            let persons = amparo_core::ops::family::persons(c.store, Some(hid))?.len() as i64;
            let mut p = Placement {
                id: Uuid::now_v7(),
                household_id: hid,
                site_id: sid,
                beds: persons.max(1),
                start_date: parse_date("--start", start)?,
                expected_end: None,
                actual_end: None,
                support_lead_id: None,
                checkin_schedule: None,
                notes: None,
            };
            let allow = rules::Overrides { children_at_site: fields.allow_children, ..Default::default() };
            fields.apply(&c, &mut p)?;
            let id = c.write(|w| rules::add_placement_with(w, &p, allow))?;
            println!("added placement {id} ({} bed(s))", p.beds);
        }
        PlacementCmd::List { all, site, json } => {
            let site = site.as_deref().map(|s| c.id::<HousingSite>(s)).transpose()?;
            let list: Vec<Placement> = if all {
                amparo_core::ops::housing::placements(c.store, site)?
            } else {
                amparo_core::ops::housing::placements_since(c.store, site, c.today())?
            };
            if json.json {
                return print_json(&list);
            }
            if list.is_empty() {
                println!("no placements");
            }
            for p in &list {
                println!("{}", placement_line(c.store, p));
            }
        }
        PlacementCmd::Show(a) => {
            let p = c.store.get::<Placement>(c.id::<Placement>(&a.id)?)?;
            if a.json {
                return print_json(&p);
            }
            println!("{}", placement_line(c.store, &p));
            if p.support_lead_id.is_some() {
                field("support lead", name_or_blank::<Volunteer>(c.store, p.support_lead_id, "name"));
            }
            opt_field("expected end", &p.expected_end);
            opt_field("actual end", &p.actual_end);
            opt_field("check-ins", &p.checkin_schedule);
            opt_field("notes", &p.notes);
            print_notes(&notes_on(c.store, p.id)?);
        }
        PlacementCmd::Edit { id, fields, actual_end } => {
            let mut p = c.store.get::<Placement>(c.id::<Placement>(&id)?)?;
            let allow = rules::Overrides { children_at_site: fields.allow_children, ..Default::default() };
            fields.apply(&c, &mut p)?;
            if let Some(e) = opt_date("--actual-end", actual_end.as_deref())? {
                p.actual_end = e;
            }
            let n = c.write(|w| rules::save_placement_with(w, &p, allow))?;
            println!("{}", if n == 0 { "nothing changed".to_string() } else { format!("updated placement {}", p.id) });
        }
        PlacementCmd::End { id, on } => {
            let mut p = c.store.get::<Placement>(c.id::<Placement>(&id)?)?;
            p.actual_end = Some(match on {
                Some(d) => parse_date("--on", &d)?,
                None => c.today(),
            });
            c.write(|w| rules::save_placement(w, &p))?;
            println!("placement {} ends after the night of {}", p.id, p.actual_end.unwrap_or_default());
        }
        PlacementCmd::Delete(a) => {
            let id = c.id::<Placement>(&a.id)?;
            let n = c.write(|w| rules::delete_with_parts(w, &amparo_core::schema::PLACEMENT, id))?;
            deleted(n, "placement");
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- sanctuary and shifts
