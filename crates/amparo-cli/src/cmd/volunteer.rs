//! `amparo volunteer`: the volunteer directory, training and availability.

use anyhow::bail;
use clap::{Args, Subcommand};

use amparo_core::domain::{Availability, Congregation, Role, Training, TrainingRecord, Volunteer};
use amparo_core::rules;

use super::context::*;

#[derive(Debug, Subcommand)]
pub enum VolunteerCmd {
    /// Add a volunteer
    Add(VolunteerFields),
    /// List volunteers (inactive ones with --all)
    List {
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Show a volunteer
    Show(ShowArgs),
    /// Change a volunteer's details. --language, --training, --role, --available and
    /// --blackout add to what is there; --no-… removes one, --clear-… removes all
    Edit {
        /// The volunteer's id (or a unique beginning of it)
        id: String,
        #[command(flatten)]
        fields: VolunteerFields,
        #[command(flatten)]
        remove: VolunteerRemovals,
        /// Active or not (yes/no)
        #[arg(long, value_parser = yes_no, value_name = "yes|no")]
        active: Option<bool>,
    },
    /// Delete a volunteer and their assignments
    Delete(IdArg),
}

#[derive(Debug, Args)]
pub struct VolunteerFields {
    #[arg(long)]
    pub name: Option<String>,
    /// Congregation (id)
    #[arg(long)]
    pub congregation: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    /// Preferred way to reach them, e.g. Signal, SMS, call
    #[arg(long)]
    pub contact: Option<String>,
    /// Language spoken, a code or a name: es, Spanish, español (repeat for several)
    #[arg(long = "language", value_name = "LANGUAGE")]
    pub languages: Vec<String>,
    /// Training as NAME[:YYYY-MM-DD]: court_accompaniment, sanctuary_shift, driver, rapid_response (repeat)
    #[arg(long = "training", value_name = "TRAINING[:DATE]")]
    pub trainings: Vec<String>,
    /// Role: coordinator, accompanier, host, shift_volunteer, driver, dispatcher, responder (repeat)
    #[arg(long = "role", value_name = "ROLE")]
    pub roles: Vec<Role>,
    /// Background check valid until, YYYY-MM-DD
    #[arg(long)]
    pub background_check_expires: Option<String>,
    /// Weekly availability window such as "MO 18:00-23:00" (repeat)
    #[arg(long = "available", value_name = "WINDOW")]
    pub available: Vec<String>,
    /// A date they cannot serve, YYYY-MM-DD (repeat)
    #[arg(long = "blackout", value_name = "DATE")]
    pub blackout: Vec<String>,
    #[arg(long)]
    pub max_shifts_per_week: Option<i64>,
    #[arg(long)]
    pub min_rest_hours: Option<i64>,
}

/// What `volunteer edit` takes away; applied before the additions of the same command.
#[derive(Debug, Args)]
pub struct VolunteerRemovals {
    /// Remove a language (repeat)
    #[arg(long = "no-language", value_name = "LANGUAGE")]
    pub no_languages: Vec<String>,
    /// Remove a training (repeat)
    #[arg(long = "no-training", value_name = "TRAINING")]
    pub no_trainings: Vec<Training>,
    /// Remove a role (repeat)
    #[arg(long = "no-role", value_name = "ROLE")]
    pub no_roles: Vec<Role>,
    /// Remove an availability window, written as listed by `volunteer show` (repeat)
    #[arg(long = "no-available", value_name = "WINDOW")]
    pub no_available: Vec<String>,
    /// Remove a blackout date (repeat)
    #[arg(long = "no-blackout", value_name = "DATE")]
    pub no_blackout: Vec<String>,
    /// Remove every language
    #[arg(long)]
    pub clear_languages: bool,
    /// Remove every training
    #[arg(long)]
    pub clear_trainings: bool,
    /// Remove every role
    #[arg(long)]
    pub clear_roles: bool,
    /// Remove every availability window (available any time)
    #[arg(long)]
    pub clear_available: bool,
    /// Remove every blackout date
    #[arg(long)]
    pub clear_blackout: bool,
}

impl VolunteerRemovals {
    fn apply(self, v: &mut Volunteer) -> anyhow::Result<()> {
        if self.clear_languages {
            v.languages.clear();
        }
        v.languages.retain(|l| !self.no_languages.iter().any(|x| amparo_core::domain::same_skill(x, l)));
        if self.clear_trainings {
            v.trainings.clear();
        }
        v.trainings.retain(|t| !self.no_trainings.contains(&t.training));
        if self.clear_roles {
            v.roles.clear();
        }
        v.roles.retain(|r| !self.no_roles.contains(r));
        if self.clear_available {
            v.availability.weekly.clear();
        }
        v.availability.weekly.retain(|w| !self.no_available.iter().any(|x| x.trim().eq_ignore_ascii_case(w.trim())));
        if self.clear_blackout {
            v.availability.blackout.clear();
        }
        let gone =
            self.no_blackout.iter().map(|d| parse_date("--no-blackout", d)).collect::<anyhow::Result<Vec<_>>>()?;
        v.availability.blackout.retain(|d| !gone.contains(d));
        Ok(())
    }
}

impl VolunteerFields {
    /// Set the fields given. Lists (languages, trainings, roles, availability, blackout
    /// dates) are added to what the volunteer has, never replaced: a training given
    /// again takes the new date.
    fn apply(self, c: &Ctx<'_>, v: &mut Volunteer) -> anyhow::Result<()> {
        if let Some(n) = self.name {
            v.name = n.trim().to_string();
        }
        if let Some(t) = self.congregation {
            v.congregation_id = c.opt_id::<Congregation>(Some(&t))?;
        }
        set_text(&mut v.phone, self.phone);
        set_text(&mut v.preferred_contact, self.contact);
        for l in &self.languages {
            if !l.trim().is_empty() && !v.languages.iter().any(|x| amparo_core::domain::same_skill(x, l)) {
                v.languages.push(amparo_core::domain::language::normalize(l));
            }
        }
        for t in &self.trainings {
            let (name, date) = t.split_once(':').unwrap_or((t, ""));
            let training: Training = name.parse()?;
            // A training given without a date is "date unknown", never today.
            let completed_on = if date.trim().is_empty() { None } else { Some(parse_date("--training", date)?) };
            match v.trainings.iter_mut().find(|r| r.training == training) {
                Some(r) if !date.trim().is_empty() => r.completed_on = completed_on,
                Some(_) => {}
                None => v.trainings.push(TrainingRecord { training, completed_on }),
            }
        }
        for r in self.roles {
            if !v.roles.contains(&r) {
                v.roles.push(r);
            }
        }
        if let Some(d) = opt_date("--background-check-expires", self.background_check_expires.as_deref())? {
            v.background_check_expires = d;
        }
        for w in self.available {
            if !v.availability.weekly.iter().any(|x| x.trim().eq_ignore_ascii_case(w.trim())) {
                v.availability.weekly.push(w);
            }
        }
        for d in &self.blackout {
            let d = parse_date("--blackout", d)?;
            if !v.availability.blackout.contains(&d) {
                v.availability.blackout.push(d);
            }
        }
        if self.max_shifts_per_week.is_some() {
            v.max_shifts_per_week = self.max_shifts_per_week;
        }
        if self.min_rest_hours.is_some() {
            v.min_rest_hours = self.min_rest_hours;
        }
        Ok(())
    }
}

pub(super) fn volunteer(mut c: Ctx<'_>, cmd: VolunteerCmd) -> anyhow::Result<()> {
    match cmd {
        VolunteerCmd::Add(fields) => {
            let Some(name) = fields.name.clone() else { bail!("give the volunteer's name with --name") };
            let mut v = Volunteer::new(name);
            v.availability = Availability::default();
            fields.apply(&c, &mut v)?;
            let id = c.write(|w| rules::add_volunteer(w, &v))?;
            println!("added volunteer {id}");
        }
        VolunteerCmd::List { all, json } => {
            let list = amparo_core::ops::team::volunteers(c.store, all)?;
            if json.json {
                return print_json(&list);
            }
            for v in &list {
                let roles: Vec<&str> = v.roles.iter().map(|r| r.as_str()).collect();
                println!("{}  {}  {}  {}", v.id, v.name, v.languages.join(", "), roles.join(", "));
            }
            super::context::print_damaged(c.store, &["volunteer"])?;
        }
        VolunteerCmd::Show(a) => {
            let v = c.store.get::<Volunteer>(c.id::<Volunteer>(&a.id)?)?;
            if a.json {
                return print_json(&v);
            }
            println!("{}  ({})", v.name, v.id);
            if v.congregation_id.is_some() {
                field("congregation", name_or_blank::<Congregation>(c.store, v.congregation_id, "name"));
            }
            opt_field("phone", &v.phone);
            opt_field("preferred contact", &v.preferred_contact);
            list_field("languages", &v.languages);
            for t in &v.trainings {
                field(
                    "training",
                    format!(
                        "{} ({})",
                        t.training,
                        t.completed_on.map(|d| d.to_string()).unwrap_or_else(|| "date unknown".into())
                    ),
                );
            }
            let roles: Vec<String> = v.roles.iter().map(|r| r.to_string()).collect();
            list_field("roles", &roles);
            opt_field("background check until", &v.background_check_expires);
            list_field("available", &v.availability.weekly);
            let blackout: Vec<String> = v.availability.blackout.iter().map(|d| d.to_string()).collect();
            list_field("blackout dates", &blackout);
            opt_field("max shifts per week", &v.max_shifts_per_week);
            opt_field("min rest hours", &v.min_rest_hours);
            field("active", if v.active { "yes" } else { "no" });
        }
        VolunteerCmd::Edit { id, fields, remove, active } => {
            let mut v = c.store.get::<Volunteer>(c.id::<Volunteer>(&id)?)?;
            remove.apply(&mut v)?;
            fields.apply(&c, &mut v)?;
            if let Some(a) = active {
                v.active = a;
            }
            let n = c.write(|w| rules::save_volunteer(w, &v))?;
            println!("{}", if n == 0 { "nothing changed".to_string() } else { format!("updated volunteer {}", v.id) });
            if !v.active {
                let on = amparo_core::query::volunteer_assignments(c.store.conn(), v.id, c.session.now)?;
                if on.upcoming_court_dates + on.upcoming_shifts > 0 {
                    println!(
                        "warning: they are inactive and still on {} court date(s) and {} sanctuary shift(s) to come; the agenda and `rota issues` flag them until someone covers them",
                        on.upcoming_court_dates, on.upcoming_shifts
                    );
                }
            }
        }
        VolunteerCmd::Delete(a) => {
            let id = c.id::<Volunteer>(&a.id)?;
            let on = amparo_core::query::volunteer_assignments(c.store.conn(), id, c.session.now)?;
            let n = c.write(|w| rules::delete_volunteer(w, id))?;
            deleted(n, "volunteer");
            if on.court_dates + on.shifts > 0 {
                println!(
                    "taken off {} court date(s) ({} still to come) and {} sanctuary shift(s) ({} still to come); check who covers them",
                    on.court_dates, on.upcoming_court_dates, on.shifts, on.upcoming_shifts
                );
            }
        }
    }
    Ok(())
}
