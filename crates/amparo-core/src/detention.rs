//! From a detention to release: recording where a person is held and each transfer, the
//! last check of the ICE detainee locator, the bond fund's postings and refunds, deposits,
//! and release, whose check-in conditions open as appointments (court dates) of the family
//! so none is missed. Each write runs inside a `Writer` transaction, like `rules`.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::domain::{
    Bond, BondStatus, CourtDate, CourtKind, Deposit, DepositKind, Detention, Person, PlaceTime, Record,
    ReleaseCondition, Transfer, Volunteer,
};
use crate::error::{Error, Result};
use crate::store::Writer;

fn require<R: Record>(w: &Writer<'_>, id: Uuid) -> Result<R> {
    w.find::<R>(id)?.ok_or_else(|| Error::NotFound { kind: R::NOUN, id: id.to_string() })
}

/// Record a detention of a person Amparo knows (create the person and family first).
pub fn add_detention(w: &mut Writer<'_>, d: &Detention) -> Result<Uuid> {
    require::<Person>(w, d.person_id)?;
    if let Some(i) = d.incident_id {
        require::<crate::domain::Incident>(w, i)?;
    }
    w.create(d)
}

pub fn save_detention(w: &mut Writer<'_>, d: &Detention) -> Result<usize> {
    w.save(d)
}

/// A move to another facility on `on`.
pub fn transfer(w: &mut Writer<'_>, id: Uuid, facility: &str, on: NaiveDate) -> Result<Detention> {
    let mut d: Detention = require(w, id)?;
    let facility = facility.trim();
    if facility.is_empty() {
        return Err(Error::invalid("facility", "say where they were moved, e.g. \"Broadview Processing Center\""));
    }
    d.transfers.push(Transfer { facility: facility.to_string(), on });
    d.transfers.sort_by_key(|t| t.on);
    w.save(&d)?;
    Ok(d)
}

/// The ICE detainee locator was checked at `at`.
pub fn locator_checked(w: &mut Writer<'_>, id: Uuid, at: DateTime<Utc>) -> Result<()> {
    let mut d: Detention = require(w, id)?;
    d.last_locator_check = Some(at);
    w.save(&d)?;
    Ok(())
}

/// Release on `on` with its conditions; each check-in given becomes an appointment of the
/// person's family (an ISAP check-in under ISAP or an ankle monitor, else an ICE check-in),
/// so it shows on the agenda with its reminders. Returns the appointments made.
pub fn release(
    w: &mut Writer<'_>,
    id: Uuid,
    on: NaiveDate,
    conditions: &[ReleaseCondition],
    check_ins: &[(PlaceTime, String)],
) -> Result<Vec<Uuid>> {
    let mut d: Detention = require(w, id)?;
    let person: Person = require(w, d.person_id)?;
    d.released_on = Some(on);
    for c in conditions {
        if !d.release_conditions.contains(c) {
            d.release_conditions.push(*c);
        }
    }
    d.validate()?;
    w.save(&d)?;
    let kind =
        if d.release_conditions.iter().any(|c| matches!(c, ReleaseCondition::Isap | ReleaseCondition::AnkleMonitor)) {
            CourtKind::IsapCheckIn
        } else {
            CourtKind::IceCheckIn
        };
    let mut made = Vec::new();
    for (at, place) in check_ins {
        let mut c = CourtDate::new(person.household_id, kind, *at, place.trim());
        c.person_id = Some(person.id);
        made.push(crate::rules::add_court_date(w, &c)?);
    }
    Ok(made)
}

/// Post a bond: the amount and the fund's share, in cents.
pub fn post_bond(
    w: &mut Writer<'_>,
    detention: Uuid,
    amount_cents: i64,
    fund_share_cents: i64,
    obligor: Option<String>,
    on: NaiveDate,
) -> Result<Bond> {
    require::<Detention>(w, detention)?;
    let b = Bond {
        id: Uuid::now_v7(),
        detention_id: detention,
        amount_cents,
        obligor: obligor.map(|o| o.trim().to_string()).filter(|o| !o.is_empty()),
        fund_share_cents,
        status: BondStatus::Posted,
        posted_on: Some(on),
        refund_cents: None,
        refund_on: None,
    };
    w.create(&b)?;
    Ok(b)
}

/// Move a bond to `status`.
pub fn bond_status(w: &mut Writer<'_>, id: Uuid, status: BondStatus) -> Result<Bond> {
    let mut b: Bond = require(w, id)?;
    b.status = status;
    w.save(&b)?;
    Ok(b)
}

/// The refund received: the bond is then returned.
pub fn refund(w: &mut Writer<'_>, id: Uuid, cents: i64, on: NaiveDate) -> Result<Bond> {
    let mut b: Bond = require(w, id)?;
    b.refund_cents = Some(cents);
    b.refund_on = Some(on);
    b.status = BondStatus::Returned;
    w.save(&b)?;
    Ok(b)
}

/// Money put on the person's commissary or phone account.
pub fn deposit(
    w: &mut Writer<'_>,
    detention: Uuid,
    kind: DepositKind,
    vendor: Option<String>,
    cents: i64,
    by: Option<Uuid>,
    on: NaiveDate,
) -> Result<Deposit> {
    require::<Detention>(w, detention)?;
    if let Some(v) = by {
        require::<Volunteer>(w, v)?;
    }
    let d = Deposit {
        id: Uuid::now_v7(),
        detention_id: detention,
        kind,
        vendor: vendor.map(|v| v.trim().to_string()).filter(|v| !v.is_empty()),
        amount_cents: cents,
        by_volunteer_id: by,
        made_on: on,
    };
    w.create(&d)?;
    Ok(d)
}

/// Read an amount of money as cents: "5000", "$7,500.00", "7500.5".
pub fn parse_cents(text: &str) -> Result<i64> {
    let t: String = text.trim().trim_start_matches('$').chars().filter(|c| *c != ',' && *c != ' ').collect();
    let bad = || Error::invalid("amount", format!("{text:?} is not an amount of dollars, e.g. 5000 or $7,500.00"));
    let (whole, frac) = t.split_once('.').unwrap_or((&t, ""));
    if whole.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || frac.len() > 2
        || !frac.chars().all(|c| c.is_ascii_digit())
    {
        return Err(bad());
    }
    let dollars: i64 = whole.parse().map_err(|_| bad())?;
    let cents: i64 = if frac.is_empty() { 0 } else { format!("{frac:0<2}").parse().map_err(|_| bad())? };
    dollars.checked_mul(100).and_then(|d| d.checked_add(cents)).ok_or_else(bad)
}

/// Cents as dollars: "$7,500.00".
pub fn dollars(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let c = cents.unsigned_abs();
    let whole = (c / 100).to_string();
    let mut grouped = String::new();
    for (i, ch) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    format!("{sign}${grouped}.{:02}", c % 100)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::testing::*;

    #[test]
    fn amounts_read_as_cents_and_print_as_dollars() {
        assert_eq!(parse_cents("5000").unwrap(), 500_000);
        assert_eq!(parse_cents("$7,500.00").unwrap(), 750_000);
        assert_eq!(parse_cents("12.5").unwrap(), 1_250);
        for bad in ["", "five", "$-3", "1.234", "1e5"] {
            assert!(parse_cents(bad).is_err(), "{bad}");
        }
        assert_eq!(dollars(750_000), "$7,500.00");
        assert_eq!(dollars(123_456_789), "$1,234,567.89");
        assert_eq!(dollars(5), "$0.05");
    }

    #[test]
    fn a_release_under_isap_opens_its_check_ins_as_the_familys_appointments() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store(dir.path());
        let (h, _) = court(&mut s, 1, None);
        let p = Person::new(h, "Rosa Quispe");
        upsert(&mut s, now(), now().date_naive(), &p).unwrap();
        let mut d = Detention::new(p.id, "Broadview Processing Center");
        d.detained_on = NaiveDate::from_ymd_opt(2026, 11, 20);
        s.write(now(), |w| add_detention(w, &d)).unwrap();
        s.write(now(), |w| transfer(w, d.id, "Clay County Jail", NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()))
            .unwrap();
        assert_eq!(s.get::<Detention>(d.id).unwrap().current_facility(), "Clay County Jail");
        let b = s
            .write(now(), |w| post_bond(w, d.id, 750_000, 500_000, Some("María Quispe".into()), now().date_naive()))
            .unwrap();
        let too_much = s.write(now(), |w| post_bond(w, d.id, 100, 200, None, now().date_naive())).unwrap_err();
        assert!(too_much.to_string().contains("between 0 and the bond amount"), "{too_much}");
        let at = PlaceTime::new(
            NaiveDate::from_ymd_opt(2026, 12, 7).unwrap().and_hms_opt(9, 0, 0).unwrap(),
            chrono_tz::America::Chicago,
        )
        .unwrap();
        let made = s
            .write(now(), |w| {
                release(
                    w,
                    d.id,
                    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
                    &[ReleaseCondition::Isap],
                    &[(at, "ISAP office, 101 W Ida B Wells Dr".into())],
                )
            })
            .unwrap();
        let c: CourtDate = s.get(made[0]).unwrap();
        assert_eq!((c.kind, c.household_id, c.person_id), (CourtKind::IsapCheckIn, h, Some(p.id)));
        let early =
            s.write(now(), |w| release(w, d.id, NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(), &[], &[])).unwrap_err();
        assert!(early.to_string().contains("before"), "{early}");
        s.write(now(), |w| refund(w, b.id, 750_000, NaiveDate::from_ymd_opt(2027, 6, 1).unwrap())).unwrap();
        assert_eq!(s.get::<Bond>(b.id).unwrap().status, BondStatus::Returned);
    }
}
