//! `amparo person`: the persons of a family and their legal details.

use anyhow::bail;
use clap::{Args, Subcommand};

use amparo_core::domain::{Deadline, Household, Person};
use amparo_core::rules;

use super::context::*;

#[derive(Debug, Subcommand)]
pub enum PersonCmd {
    /// Add a person to a family
    Add {
        /// The family (id)
        #[arg(long)]
        family: String,
        #[command(flatten)]
        fields: PersonFields,
    },
    /// List persons (of one family with --family)
    List {
        #[arg(long)]
        family: Option<String>,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Show a person
    Show(ShowArgs),
    /// Change a person's details
    Edit {
        /// The person's id (or a unique beginning of it)
        id: String,
        #[command(flatten)]
        fields: PersonFields,
    },
    /// Delete a person, for the whole team (asks first; a coordinator can bring them back
    /// with `amparo undelete ID`)
    Delete(DeleteArg),
}

#[derive(Debug, Args)]
pub struct PersonFields {
    /// Save even though the A-number is recorded for a person in another family
    #[arg(long)]
    pub allow_duplicate_a_number: bool,
    /// Full name
    #[arg(long)]
    pub name: Option<String>,
    /// The name the person likes to be called
    #[arg(long)]
    pub preferred: Option<String>,
    /// Relationship in the family, e.g. mother, son
    #[arg(long)]
    pub relationship: Option<String>,
    /// Date of birth, YYYY-MM-DD
    #[arg(long)]
    pub born: Option<String>,
    /// Country of origin
    #[arg(long)]
    pub country: Option<String>,
    /// Language spoken, a code or a name: es, Spanish, español (repeat for several)
    #[arg(long = "language", value_name = "LANGUAGE")]
    pub languages: Vec<String>,
    /// A-number: nine digits (eight get a leading 0), "none" if the person has none, or "" to clear it (unknown)
    #[arg(long)]
    pub a_number: Option<String>,
    /// Attorney's name
    #[arg(long)]
    pub attorney: Option<String>,
    /// Attorney's organization
    #[arg(long)]
    pub attorney_org: Option<String>,
    #[arg(long)]
    pub attorney_phone: Option<String>,
    /// Case status, e.g. "asylum filed 2026-03-01", "final order"
    #[arg(long)]
    pub case_status: Option<String>,
    /// Detention facility (when detained)
    #[arg(long)]
    pub detention_facility: Option<String>,
    /// Detained since, YYYY-MM-DD
    #[arg(long)]
    pub detained_since: Option<String>,
    #[arg(long)]
    pub bond_amount: Option<String>,
    #[arg(long)]
    pub bond_status: Option<String>,
    /// Wears an ankle monitor (yes/no)
    #[arg(long, value_parser = yes_no, value_name = "yes|no")]
    pub ankle_monitor: Option<bool>,
    /// An important deadline as "YYYY-MM-DD what" (repeat for several)
    #[arg(long = "deadline", value_name = "DATE WHAT")]
    pub deadlines: Vec<String>,
}

impl PersonFields {
    fn apply(self, p: &mut Person) -> anyhow::Result<()> {
        if let Some(n) = self.name {
            p.name = n.trim().to_string();
        }
        set_text(&mut p.preferred_name, self.preferred);
        set_text(&mut p.relationship, self.relationship);
        if let Some(d) = opt_date("--born", self.born.as_deref())? {
            p.birth_date = d;
        }
        set_text(&mut p.country, self.country);
        set_list(&mut p.languages, self.languages);
        if let Some(a) = self.a_number {
            p.a_number = parse_anumber(&a)?;
        }
        set_text(&mut p.attorney_name, self.attorney);
        set_text(&mut p.attorney_org, self.attorney_org);
        set_text(&mut p.attorney_phone, self.attorney_phone);
        set_text(&mut p.case_status, self.case_status);
        set_text(&mut p.detention_facility, self.detention_facility);
        if let Some(d) = opt_date("--detained-since", self.detained_since.as_deref())? {
            p.detained_since = d;
        }
        set_text(&mut p.bond_amount, self.bond_amount);
        set_text(&mut p.bond_status, self.bond_status);
        if self.ankle_monitor.is_some() {
            p.ankle_monitor = self.ankle_monitor;
        }
        if !self.deadlines.is_empty() {
            p.deadlines = self
                .deadlines
                .iter()
                .filter(|d| d.trim() != "none")
                .map(|d| {
                    let (date, what) = d.trim().split_once(' ').unwrap_or((d.trim(), ""));
                    Ok(Deadline { due: parse_date("--deadline", date)?, what: what.trim().to_string() })
                })
                .collect::<anyhow::Result<_>>()?;
        }
        Ok(())
    }
}

pub(super) fn person(mut c: Ctx<'_>, cmd: PersonCmd) -> anyhow::Result<()> {
    match cmd {
        PersonCmd::Add { family, fields } => {
            let hid = c.id::<Household>(&family)?;
            let Some(name) = fields.name.clone() else { bail!("give the person's name with --name") };
            let mut p = Person::new(hid, name);
            let allow = rules::Overrides { duplicate_a_number: fields.allow_duplicate_a_number, ..Default::default() };
            fields.apply(&mut p)?;
            let id = c.write(|w| rules::add_person_with(w, &p, allow))?;
            println!("added person {id}");
        }
        PersonCmd::List { family, json } => {
            let household = family.as_deref().map(|f| c.id::<Household>(f)).transpose()?;
            let list: Vec<Person> = amparo_core::ops::family::persons(c.store, household)?;
            if json.json {
                return print_json(&list);
            }
            for p in &list {
                let fam = name_or_blank::<Household>(c.store, Some(p.household_id), "display_name");
                println!("{}  {}  {}  {}", p.id, p.name, or_dash(&p.relationship), fam);
            }
        }
        PersonCmd::Show(a) => {
            let p = c.store.get::<Person>(c.id::<Person>(&a.id)?)?;
            let actor = c.store.actor()?;
            if a.json {
                return print_json(&marked(actor, &p)?);
            }
            println!("{}  ({})", p.name, p.id);
            let withheld: Vec<&str> =
                ["birth_date", "country", "a_number", "attorney_name", "case_status", "detained_since", "deadlines"]
                    .into_iter()
                    .filter(|f| !actor.holds(&amparo_core::schema::PERSON, f))
                    .collect();
            if !withheld.is_empty() {
                field("A-number, attorney, case, detention, deadlines", amparo_core::sync::redact::NOT_SHARED);
            }
            field("family", name_or_blank::<Household>(c.store, Some(p.household_id), "display_name"));
            opt_field("preferred name", &p.preferred_name);
            opt_field("relationship", &p.relationship);
            opt_field("born", &p.birth_date);
            opt_field("country", &p.country);
            list_field("languages", &p.languages);
            if actor.holds(&amparo_core::schema::PERSON, "a_number") {
                field("A-number", p.a_number.as_ref().map_or("unknown".into(), |a| a.to_string()));
            }
            opt_field("attorney", &p.attorney_name);
            opt_field("attorney organization", &p.attorney_org);
            opt_field("attorney phone", &p.attorney_phone);
            opt_field("case status", &p.case_status);
            opt_field("detention facility", &p.detention_facility);
            opt_field("detained since", &p.detained_since);
            opt_field("bond", &p.bond_amount);
            opt_field("bond status", &p.bond_status);
            opt_field("ankle monitor", &p.ankle_monitor.map(|b| if b { "yes" } else { "no" }));
            for d in &p.deadlines {
                field("deadline", format!("{} {}", d.due, d.what));
            }
            print_notes(&notes_on(c.store, p.id)?);
        }
        PersonCmd::Edit { id, fields } => {
            let mut p = c.store.get::<Person>(c.id::<Person>(&id)?)?;
            let allow = rules::Overrides { duplicate_a_number: fields.allow_duplicate_a_number, ..Default::default() };
            fields.apply(&mut p)?;
            let n = c.write(|w| rules::save_person_with(w, &p, allow))?;
            println!("{}", if n == 0 { "nothing changed".to_string() } else { format!("updated person {}", p.id) });
        }
        PersonCmd::Delete(a) => {
            let id = c.id::<Person>(&a.id)?;
            c.store.write(c.session.now, |w| w.check_delete(&amparo_core::schema::PERSON, id))?;
            confirm_delete("this person", a.yes)?;
            let n = c.write(|w| rules::delete_person(w, id))?;
            deleted(n, "person");
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- court
