//! Housing sites with the beds taken on a night, and placements.

use chrono::NaiveDate;
use uuid::Uuid;

use crate::domain::{HousingSite, Placement};
use crate::error::Result;
use crate::rules;
use crate::store::records::query;
use crate::store::Store;

#[derive(Debug, Clone)]
pub struct SiteUse {
    pub site: HousingSite,
    pub beds_used: i64,
}

impl SiteUse {
    pub fn free_beds(&self) -> i64 {
        (self.site.capacity - self.beds_used).max(0)
    }
}

/// Every housing site by name (letter case and accents aside), with the beds taken on
/// the night of `day`.
pub fn sites_on(store: &Store, day: NaiveDate) -> Result<Vec<SiteUse>> {
    let placements = store.list::<Placement>()?;
    let mut sites = store.list::<HousingSite>()?;
    super::by_name(&mut sites, |s| &s.name, |s| s.id);
    Ok(sites
        .into_iter()
        .map(|site| {
            let here: Vec<Placement> = placements.iter().filter(|p| p.site_id == site.id).cloned().collect();
            let (beds_used, _) = rules::peak_beds(&here, day, Some(day));
            SiteUse { site, beds_used }
        })
        .collect())
}

/// Placements by first night whose last night is `since` or later (still running or to
/// come; open-ended ones always), all or at one site.
pub fn placements_since(store: &Store, site: Option<Uuid>, since: NaiveDate) -> Result<Vec<Placement>> {
    Ok(placements(store, site)?.into_iter().filter(|p| p.last_night().is_none_or(|n| n >= since)).collect())
}

/// Placements by first night, all or those at one site.
pub fn placements(store: &Store, site: Option<Uuid>) -> Result<Vec<Placement>> {
    let conn = store.conn();
    match site {
        Some(id) => query(conn, "AND site_id = ?1 ORDER BY start_date, id", [id.to_string()]),
        None => query(conn, "ORDER BY start_date, id", []),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::testing::*;

    #[test]
    fn beds_taken_tonight_count_only_placements_covering_tonight() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store(dir.path());
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let site = HousingSite::new("Casa", 4);
        upsert(&mut s, now(), today, &site).unwrap();
        let h = Household::new("Fam");
        upsert(&mut s, now(), today, &h).unwrap();
        let p = Placement {
            id: Uuid::now_v7(),
            household_id: h.id,
            site_id: site.id,
            beds: 3,
            start_date: today,
            expected_end: Some(today + Duration::days(10)),
            actual_end: None,
            support_lead_id: None,
            checkin_schedule: None,
            notes: None,
        };
        upsert(&mut s, now(), today, &p).unwrap();
        let uses = sites_on(&s, today).unwrap();
        assert_eq!((uses[0].beds_used, uses[0].free_beds()), (3, 1));
        assert_eq!(sites_on(&s, today + Duration::days(11)).unwrap()[0].beds_used, 0);
        // Listed while it runs, through its last night; after it, only among all.
        assert_eq!(placements_since(&s, Some(site.id), today + Duration::days(10)).unwrap().len(), 1);
        assert!(placements_since(&s, None, today + Duration::days(11)).unwrap().is_empty());
        assert_eq!(placements(&s, None).unwrap().len(), 1);
    }
}
