//! The team: volunteers and the congregations of the network, as `amparo volunteer list`,
//! `amparo congregation list` and the app's Team screen list them.

use crate::domain::{Congregation, Volunteer};
use crate::error::Result;
use crate::store::Store;

/// Volunteers by name (letter case and accents aside), inactive ones only with
/// `include_inactive`.
pub fn volunteers(store: &Store, include_inactive: bool) -> Result<Vec<Volunteer>> {
    let mut list: Vec<Volunteer> =
        store.list::<Volunteer>()?.into_iter().filter(|v| include_inactive || v.active).collect();
    super::by_name(&mut list, |v| &v.name, |v| v.id);
    Ok(list)
}

/// Congregations by name.
pub fn congregations(store: &Store) -> Result<Vec<Congregation>> {
    let mut list = store.list::<Congregation>()?;
    super::by_name(&mut list, |c| &c.name, |c| c.id);
    Ok(list)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::testing::*;

    #[test]
    fn volunteers_are_listed_by_name_and_inactive_ones_only_when_asked() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store(dir.path());
        volunteer(&mut s, "Zoe");
        volunteer(&mut s, "Úrsula");
        let mut gone = Volunteer::new("Beto");
        gone.active = false;
        upsert(&mut s, now(), now().date_naive(), &gone).unwrap();
        volunteer(&mut s, "ana");
        let names = |all| volunteers(&s, all).unwrap().into_iter().map(|v| v.name).collect::<Vec<_>>();
        assert_eq!(names(false), ["ana", "Úrsula", "Zoe"]);
        assert_eq!(names(true), ["ana", "Beto", "Úrsula", "Zoe"]);
    }
}
