//! `amparo family`: families (households), their page and their members.

use anyhow::bail;
use clap::{Args, Subcommand};
use serde::Serialize;

use amparo_core::domain::{
    ANumberOrNone, Congregation, CourtDate, Household, HouseholdStatus, HousingSite, Note, Person, Placement, Task,
    Volunteer,
};
use amparo_core::rules;

use super::context::*;

#[derive(Debug, Subcommand)]
pub enum FamilyCmd {
    /// Add a family
    Add(FamilyFields),
    /// List families (closed ones only with --all)
    List {
        /// Include closed families
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Show a family with its members, court dates, placements, tasks and notes
    Show(ShowArgs),
    /// Change a family's details
    Edit {
        /// The family's id (or a unique beginning of it)
        id: String,
        #[command(flatten)]
        fields: FamilyFields,
        /// Close the case (status closed, closed today)
        #[arg(long)]
        close: bool,
    },
    /// Delete a family and everything that belongs to it, for the whole team (asks first;
    /// a coordinator can bring it back with `amparo undelete ID`)
    Delete(DeleteArg),
}

#[derive(Debug, Args)]
pub struct FamilyFields {
    /// How the family is called in lists, e.g. "García family"
    #[arg(long)]
    pub name: Option<String>,
    /// Language spoken, a code or a name: es, Spanish, español (repeat for several)
    #[arg(long = "language", value_name = "LANGUAGE")]
    pub languages: Vec<String>,
    #[arg(long)]
    pub phone: Option<String>,
    /// Whether it is safe to leave a voicemail (yes/no)
    #[arg(long, value_parser = yes_no, value_name = "yes|no")]
    pub voicemail_ok: Option<bool>,
    /// Someone else to call
    #[arg(long)]
    pub alternate_contact: Option<String>,
    /// Home address (sensitive)
    #[arg(long)]
    pub address: Option<String>,
    /// Lead congregation (id)
    #[arg(long)]
    pub congregation: Option<String>,
    /// Lead volunteer (id)
    #[arg(long)]
    pub lead: Option<String>,
    /// Intake date, YYYY-MM-DD
    #[arg(long)]
    pub intake: Option<String>,
    /// active, in_sanctuary, detained or closed
    #[arg(long)]
    pub status: Option<HouseholdStatus>,
    /// Consent given: to record data, and with whom to share
    #[arg(long)]
    pub consent: Option<String>,
    /// Needs, in a few words
    #[arg(long)]
    pub needs: Option<String>,
    /// Tag (repeat for several)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
}

impl FamilyFields {
    fn apply(self, c: &Ctx<'_>, h: &mut Household) -> anyhow::Result<()> {
        if let Some(n) = self.name {
            h.display_name = n.trim().to_string();
        }
        set_list(&mut h.languages, self.languages);
        set_text(&mut h.phone, self.phone);
        if self.voicemail_ok.is_some() {
            h.voicemail_ok = self.voicemail_ok;
        }
        set_text(&mut h.alternate_contact, self.alternate_contact);
        set_text(&mut h.address, self.address);
        if let Some(t) = self.congregation {
            h.lead_congregation_id = c.opt_id::<Congregation>(Some(&t))?;
        }
        if let Some(t) = self.lead {
            h.lead_volunteer_id = c.opt_id::<Volunteer>(Some(&t))?;
        }
        if let Some(d) = opt_date("--intake", self.intake.as_deref())? {
            h.intake_date = d;
        }
        if let Some(s) = self.status {
            h.status = s;
            if s == HouseholdStatus::Closed && h.closed_at.is_none() {
                h.closed_at = Some(c.today());
            } else if s != HouseholdStatus::Closed {
                h.closed_at = None;
            }
        }
        set_text(&mut h.consent, self.consent);
        set_text(&mut h.needs, self.needs);
        set_list(&mut h.tags, self.tags);
        Ok(())
    }
}

#[derive(Serialize)]
pub(super) struct FamilyView {
    household: Household,
    persons: Vec<Person>,
    court_dates: Vec<CourtDate>,
    placements: Vec<Placement>,
    tasks: Vec<Task>,
    notes: Vec<Note>,
}

pub(super) fn family(mut c: Ctx<'_>, cmd: FamilyCmd) -> anyhow::Result<()> {
    match cmd {
        FamilyCmd::Add(fields) => {
            let Some(name) = fields.name.clone() else {
                bail!("give the family a name with --name, e.g. --name \"García family\"")
            };
            let mut h = Household::new(name);
            h.intake_date = Some(c.today());
            fields.apply(&c, &mut h)?;
            let id = c.write(|w| rules::add_household(w, &h))?;
            println!("added family {id}");
        }
        FamilyCmd::List { all, json } => {
            let list = amparo_core::ops::family::families(c.store, all)?;
            let actor = c.store.actor()?;
            if json.json {
                return print_json(&marked_all(actor, &list)?);
            }
            if list.is_empty() {
                println!("no families yet; add one with `amparo family add --name ...`");
            }
            for h in &list {
                println!(
                    "{}  {}  [{}]  {}",
                    h.id,
                    h.display_name,
                    held(actor, &amparo_core::schema::HOUSEHOLD, "status", h.status),
                    h.languages.join(", ")
                );
            }
            super::context::print_damaged(c.store, &["household", "person"])?;
        }
        FamilyCmd::Show(a) => {
            let id = c.id::<Household>(&a.id)?;
            let page = amparo_core::ops::family::family_page(c.store, id)?;
            let view = FamilyView {
                household: page.household,
                persons: page.persons,
                court_dates: page.court_dates.into_iter().map(|s| s.court).collect(),
                placements: page.placements,
                tasks: page.tasks,
                notes: page.notes,
            };
            let actor = c.store.actor()?;
            if a.json {
                let mut v = serde_json::to_value(&view)?;
                amparo_core::sync::redact::mark_not_held(actor, &amparo_core::schema::HOUSEHOLD, &mut v["household"]);
                for (key, table) in [
                    ("persons", &amparo_core::schema::PERSON),
                    ("court_dates", &amparo_core::schema::COURT_DATE),
                    ("placements", &amparo_core::schema::PLACEMENT),
                    ("tasks", &amparo_core::schema::TASK),
                    ("notes", &amparo_core::schema::NOTE),
                ] {
                    if let Some(items) = v[key].as_array_mut() {
                        items.iter_mut().for_each(|r| amparo_core::sync::redact::mark_not_held(actor, table, r));
                    }
                }
                return print_json(&v);
            }
            let h = &view.household;
            let not_shared = |name: &str| !actor.holds(&amparo_core::schema::HOUSEHOLD, name);
            println!("{}  ({})", h.display_name, h.id);
            field("status", held(actor, &amparo_core::schema::HOUSEHOLD, "status", h.status));
            list_field("languages", &h.languages);
            opt_field("phone", &h.phone);
            opt_field("voicemail ok", &h.voicemail_ok.map(|b| if b { "yes" } else { "no" }));
            opt_field("alternate contact", &h.alternate_contact);
            for (label, name) in
                [("address", "address"), ("intake", "intake_date"), ("consent", "consent"), ("tags", "tags")]
            {
                if not_shared(name) {
                    field(label, amparo_core::sync::redact::NOT_SHARED);
                }
            }
            opt_field("address", &h.address);
            if h.lead_congregation_id.is_some() {
                field("congregation", name_or_blank::<Congregation>(c.store, h.lead_congregation_id, "name"));
            }
            if h.lead_volunteer_id.is_some() {
                field("lead volunteer", name_or_blank::<Volunteer>(c.store, h.lead_volunteer_id, "name"));
            }
            opt_field("intake", &h.intake_date);
            opt_field("consent", &h.consent);
            opt_field("needs", &h.needs);
            list_field("tags", &h.tags);
            opt_field("closed", &h.closed_at);
            if !view.persons.is_empty() {
                println!("members:");
                for p in &view.persons {
                    let a = match &p.a_number {
                        _ if !actor.holds(&amparo_core::schema::PERSON, "a_number") => {
                            format!("A-number {}", amparo_core::sync::redact::NOT_SHARED)
                        }
                        Some(ANumberOrNone::Number(a)) => a.to_string(),
                        Some(ANumberOrNone::HasNone) => "no A-number".into(),
                        None => "A-number unknown".into(),
                    };
                    println!("  {}  {}  {}  {}", p.id, p.name, or_dash(&p.relationship), a);
                }
            }
            if !view.court_dates.is_empty() {
                println!("court dates:");
                for d in &view.court_dates {
                    println!(
                        "  {}  {} {}  {}  {}  [{}]",
                        d.id,
                        d.local_when(),
                        d.time_zone,
                        held(actor, &amparo_core::schema::COURT_DATE, "kind", d.kind),
                        d.place,
                        d.status
                    );
                }
            }
            if !view.placements.is_empty() {
                println!("placements:");
                for p in &view.placements {
                    let site = name_or_blank::<HousingSite>(c.store, Some(p.site_id), "name");
                    println!(
                        "  {}  {}  {} to {}",
                        p.id,
                        site,
                        p.start_date,
                        p.last_night().map_or("open".into(), |d| d.to_string())
                    );
                }
            }
            if !view.tasks.is_empty() {
                println!("tasks:");
                for t in &view.tasks {
                    println!(
                        "  {}  {}  due {}  [{}]",
                        t.id,
                        t.title,
                        t.due_date.map_or("-".into(), |d| d.to_string()),
                        t.status
                    );
                }
            }
            print_notes(&view.notes);
        }
        FamilyCmd::Edit { id, fields, close } => {
            let id = c.id::<Household>(&id)?;
            let mut h = c.store.get::<Household>(id)?;
            fields.apply(&c, &mut h)?;
            let today = c.today();
            let n = c.write(|w| {
                let n = rules::save_household(w, &h)?;
                if close {
                    rules::close_household(w, id, today)?;
                    return Ok(n + 1);
                }
                Ok(n)
            })?;
            println!("{}", if n == 0 { "nothing changed".to_string() } else { format!("updated family {id}") });
        }
        FamilyCmd::Delete(a) => {
            let id = c.id::<Household>(&a.id)?;
            c.store.write(c.session.now, |w| w.check_delete(&amparo_core::schema::HOUSEHOLD, id))?;
            confirm_delete("this family, its persons, court dates, placements and tasks", a.yes)?;
            let n = c.write(|w| rules::delete_household(w, id))?;
            deleted(n, "family");
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- person
