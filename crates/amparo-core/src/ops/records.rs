//! Saving a record whether new or not, through the rules of its kind.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::domain::{
    CourtDate, Household, HousingSite, Person, Placement, Record, SanctuarySite, Shift, Task, Volunteer,
};
use crate::error::Result;
use crate::rules;
use crate::store::{Store, Writer};

/// Save a record through the rules of its kind: added when new, saved over the stored
/// one otherwise. Kinds without a rule of their own are checked by their `validate`.
pub trait Upsert: Record {
    fn add(w: &mut Writer<'_>, r: &Self, today: NaiveDate) -> Result<()>;
    fn update(w: &mut Writer<'_>, r: &Self, today: NaiveDate) -> Result<()>;
}

macro_rules! upsert_via {
    ($t:ty, $add:expr, $save:expr) => {
        impl Upsert for $t {
            fn add(w: &mut Writer<'_>, r: &Self, _today: NaiveDate) -> Result<()> {
                #[allow(clippy::redundant_closure_call)]
                ($add)(w, r, _today).map(|_| ())
            }
            fn update(w: &mut Writer<'_>, r: &Self, _today: NaiveDate) -> Result<()> {
                #[allow(clippy::redundant_closure_call)]
                ($save)(w, r, _today).map(|_| ())
            }
        }
    };
}

upsert_via!(Household, |w, r, _| rules::add_household(w, r), |w, r, _| rules::save_household(w, r));
upsert_via!(Person, |w, r, _| rules::add_person(w, r), |w, r, _| rules::save_person(w, r));
upsert_via!(Volunteer, |w, r, _| rules::add_volunteer(w, r), |w: &mut Writer<'_>, r, _| w.save(r));
upsert_via!(CourtDate, |w, r, _| rules::add_court_date(w, r), |w, r, _| rules::save_court_date(w, r));
upsert_via!(HousingSite, |w, r, _| rules::add_housing_site(w, r), |w, r, today| rules::save_housing_site(w, r, today));
upsert_via!(Placement, |w, r, _| rules::add_placement(w, r), |w, r, _| rules::save_placement(w, r));
upsert_via!(Task, |w, r, _| rules::add_task(w, r), |w, r, _| rules::save_task(w, r));
upsert_via!(SanctuarySite, |w: &mut Writer<'_>, r, _| w.create(r), |w: &mut Writer<'_>, r, _| w.save(r));
upsert_via!(Shift, |w, r, _| rules::add_shift(w, r), |w: &mut Writer<'_>, r, _| w.save(r));

/// Create the record, or save it over the stored one with the same id, by its rules.
pub fn upsert<R: Upsert>(store: &mut Store, now: DateTime<Utc>, today: NaiveDate, record: &R) -> Result<Uuid> {
    store.write(now, |w| {
        if w.find::<R>(record.id())?.is_some() {
            R::update(w, record, today)?;
        } else {
            R::add(w, record, today)?;
        }
        Ok(record.id())
    })
}
