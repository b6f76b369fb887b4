//! The bond fund's ledger and one detention's page, as both front ends show them.

use std::collections::HashMap;

use serde::Serialize;
use uuid::Uuid;

use crate::domain::{Bond, BondStatus, Deposit, Detention, Household, Person};
use crate::error::Result;
use crate::store::Store;

/// A detention with who is held, their family, and the money around it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DetentionPage {
    pub detention: Detention,
    pub person: String,
    pub family: String,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub household_id: Uuid,
    pub bonds: Vec<Bond>,
    pub deposits: Vec<Deposit>,
}

/// The fund's totals, in cents.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Ledger {
    /// The fund's share of bonds not yet returned: money out, due back.
    pub outstanding_cents: i64,
    /// The fund's share of breached bonds: money likely lost.
    pub breached_cents: i64,
    pub refunded_cents: i64,
    pub deposits_cents: i64,
    pub detentions: Vec<DetentionPage>,
}

/// Every detention (still held first, then by detention date, newest first) with the totals.
pub fn ledger(store: &Store) -> Result<Ledger> {
    let persons: HashMap<Uuid, Person> = store.list::<Person>()?.into_iter().map(|p| (p.id, p)).collect();
    let families: HashMap<Uuid, String> =
        store.list::<Household>()?.into_iter().map(|h| (h.id, h.display_name)).collect();
    let mut bonds: HashMap<Uuid, Vec<Bond>> = HashMap::new();
    for b in store.list::<Bond>()? {
        bonds.entry(b.detention_id).or_default().push(b);
    }
    let mut deposits: HashMap<Uuid, Vec<Deposit>> = HashMap::new();
    for d in store.list::<Deposit>()? {
        deposits.entry(d.detention_id).or_default().push(d);
    }
    let mut out = Ledger::default();
    for d in store.list::<Detention>()? {
        let person = persons.get(&d.person_id);
        let household_id = person.map(|p| p.household_id).unwrap_or_default();
        let mut bs = bonds.remove(&d.id).unwrap_or_default();
        bs.sort_by_key(|b| (b.posted_on, b.id));
        let mut ds = deposits.remove(&d.id).unwrap_or_default();
        ds.sort_by_key(|x| (x.made_on, x.id));
        for b in &bs {
            match b.status {
                BondStatus::Returned => out.refunded_cents += b.refund_cents.unwrap_or(0),
                BondStatus::Breached => out.breached_cents += b.fund_share_cents,
                _ => out.outstanding_cents += b.fund_share_cents,
            }
        }
        out.deposits_cents += ds.iter().map(|x| x.amount_cents).sum::<i64>();
        out.detentions.push(DetentionPage {
            person: person.map(|p| p.name.clone()).unwrap_or_default(),
            family: families.get(&household_id).cloned().unwrap_or_default(),
            household_id,
            bonds: bs,
            deposits: ds,
            detention: d,
        });
    }
    out.detentions.sort_by(|a, b| {
        (a.detention.released_on.is_some(), std::cmp::Reverse(a.detention.detained_on), a.detention.id).cmp(&(
            b.detention.released_on.is_some(),
            std::cmp::Reverse(b.detention.detained_on),
            b.detention.id,
        ))
    });
    Ok(out)
}

/// One detention's page.
pub fn detention(store: &Store, id: Uuid) -> Result<DetentionPage> {
    store.get::<Detention>(id)?;
    Ok(ledger(store)?.detentions.into_iter().find(|d| d.detention.id == id).expect("listed"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::testing::*;

    #[test]
    fn the_ledger_counts_the_funds_share_out_breached_and_refunded() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store(dir.path());
        let (h, _) = court(&mut s, 1, None);
        let p = Person::new(h, "Rosa Quispe");
        upsert(&mut s, now(), now().date_naive(), &p).unwrap();
        let d = Detention::new(p.id, "Broadview");
        let day = now().date_naive();
        s.write(now(), |w| {
            crate::detention::add_detention(w, &d)?;
            let a = crate::detention::post_bond(w, d.id, 750_000, 500_000, None, day)?;
            let b = crate::detention::post_bond(w, d.id, 300_000, 300_000, None, day)?;
            let c = crate::detention::post_bond(w, d.id, 200_000, 100_000, None, day)?;
            crate::detention::bond_status(w, b.id, BondStatus::Breached)?;
            crate::detention::refund(w, c.id, 200_000, day)?;
            crate::detention::deposit(
                w,
                d.id,
                crate::domain::DepositKind::Phone,
                Some("Securus".into()),
                2_500,
                None,
                day,
            )?;
            Ok(a)
        })
        .unwrap();
        let l = ledger(&s).unwrap();
        assert_eq!(
            (l.outstanding_cents, l.breached_cents, l.refunded_cents, l.deposits_cents),
            (500_000, 300_000, 200_000, 2_500)
        );
        assert_eq!((l.detentions[0].person.as_str(), l.detentions[0].family.as_str()), ("Rosa Quispe", "Fam"));
    }
}
