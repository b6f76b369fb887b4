//! The hotline desk as both front ends show it: the list of incidents (open ones first,
//! newest first, each with who is handling it, how many were sent and the reports that may
//! be the same event) and one incident's page.

use std::collections::HashMap;

use serde::Serialize;
use uuid::Uuid;

use crate::domain::{
    Dispatch, Incident, IncidentObservation, IncidentStatus, IncidentVerification, ResponseZone, Volunteer,
};
use crate::error::Result;
use crate::incident::same_event;
use crate::store::Store;

/// A line of the desk.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DeskRow {
    pub incident: Incident,
    pub zone: Option<String>,
    /// The dispatcher working it now ("being handled by").
    pub handled_by: Option<String>,
    /// Responders sent.
    pub responders: usize,
    /// Other open reports received close in time and place: maybe the same event.
    #[cfg_attr(feature = "ts", ts(type = "string[]"))]
    pub same_event: Vec<Uuid>,
}

/// A responder sent, by name.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SentResponder {
    pub dispatch: Dispatch,
    pub name: String,
}

/// A verification, with the verifier's name.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Check {
    pub verification: IncidentVerification,
    pub name: Option<String>,
}

/// One incident with everything recorded of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IncidentPage {
    pub row: DeskRow,
    pub zone: Option<ResponseZone>,
    pub received_by: Option<String>,
    pub verifications: Vec<Check>,
    pub timeline: Vec<IncidentObservation>,
    pub responders: Vec<SentResponder>,
    /// Responders go in pairs: true when one was sent alone.
    pub unpaired: bool,
}

fn volunteer_names(store: &Store) -> Result<HashMap<Uuid, String>> {
    Ok(store.list::<Volunteer>()?.into_iter().map(|v| (v.id, v.name)).collect())
}

/// The desk: open incidents first, each group newest first; closed ones only when asked.
pub fn desk(store: &Store, include_closed: bool) -> Result<Vec<DeskRow>> {
    let zones: HashMap<Uuid, String> = store.list::<ResponseZone>()?.into_iter().map(|z| (z.id, z.name)).collect();
    let names = volunteer_names(store)?;
    // A year's calls are mostly closed: the desk reads the open ones only, and counts.
    let mut sent: HashMap<Uuid, usize> = HashMap::new();
    let mut counts = store
        .conn()
        .prepare_cached("SELECT incident_id, count(*) FROM dispatch WHERE deleted = 0 GROUP BY incident_id")?;
    for row in counts.query_map([], |r| Ok((r.get::<_, Option<String>>(0)?, r.get::<_, i64>(1)?)))? {
        if let (Some(id), n) = row? {
            if let Ok(id) = id.parse() {
                sent.insert(id, n as usize);
            }
        }
    }
    let filter = if include_closed { "" } else { "AND status IS NOT 'closed'" };
    let mut incidents: Vec<Incident> = crate::store::records::query(store.conn(), filter, [])?;
    incidents.sort_by(|a, b| b.received_at.cmp(&a.received_at).then(b.id.cmp(&a.id)));
    // Same-event candidates lie within a window of the time order: no quadratic scan.
    let mut same: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    for (n, a) in incidents.iter().enumerate() {
        for b in incidents[n + 1..]
            .iter()
            .take_while(|b| a.received_at - b.received_at <= crate::incident::SAME_EVENT_WITHIN)
        {
            if same_event(a, b) {
                same.entry(a.id).or_default().push(b.id);
                same.entry(b.id).or_default().push(a.id);
            }
        }
    }
    let mut rows: Vec<DeskRow> = incidents
        .into_iter()
        .map(|i| DeskRow {
            zone: i.zone_id.and_then(|z| zones.get(&z).cloned()),
            handled_by: i.handled_by_id.and_then(|v| names.get(&v).cloned()),
            responders: sent.get(&i.id).copied().unwrap_or(0),
            same_event: same.remove(&i.id).unwrap_or_default(),
            incident: i,
        })
        .collect();
    rows.sort_by_key(|r| r.incident.status == IncidentStatus::Closed);
    Ok(rows)
}

/// One incident's page.
pub fn page(store: &Store, id: Uuid) -> Result<IncidentPage> {
    let incident: Incident = store.get(id)?;
    let names = volunteer_names(store)?;
    let zone = match incident.zone_id {
        Some(z) => store.find::<ResponseZone>(z)?,
        None => None,
    };
    let key = [id.to_string()];
    let conn = store.conn();
    let responders: Vec<SentResponder> = crate::incident::dispatches_of(conn, id)?
        .into_iter()
        .map(|d| SentResponder { name: names.get(&d.volunteer_id).cloned().unwrap_or_default(), dispatch: d })
        .collect();
    let verifications = crate::store::records::query::<IncidentVerification>(
        conn,
        "AND incident_id = ?1 ORDER BY at, id",
        key.clone(),
    )?
    .into_iter()
    .map(|v| Check { name: v.volunteer_id.and_then(|n| names.get(&n).cloned()), verification: v })
    .collect();
    let timeline = crate::store::records::query(conn, "AND incident_id = ?1 ORDER BY at, id", key)?;
    let same = desk(store, false)?.into_iter().find(|r| r.incident.id == id).map(|r| r.same_event).unwrap_or_default();
    let row = DeskRow {
        zone: zone.as_ref().map(|z| z.name.clone()),
        handled_by: incident.handled_by_id.and_then(|v| names.get(&v).cloned()),
        responders: responders.len(),
        same_event: same,
        incident: incident.clone(),
    };
    Ok(IncidentPage {
        received_by: incident.received_by_id.and_then(|v| names.get(&v).cloned()),
        unpaired: responders.len() % 2 == 1,
        zone,
        verifications,
        timeline,
        responders,
        row,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{IncidentKind, ResponderRole};
    use crate::ops::testing::*;

    #[test]
    fn the_desk_lists_open_incidents_newest_first_with_who_handles_them_and_same_event_reports() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store(dir.path());
        let disp = volunteer(&mut s, "Marisol Ñáñez");
        let resp = volunteer(&mut s, "Beto Ramírez");
        let zone = ResponseZone::new("Pilsen", chrono_tz::America::Chicago);
        s.write(now(), |w| w.create(&zone)).unwrap();
        let mut ids = vec![];
        for (mins, place) in [(0, "26th St & Pulaski"), (30, "Pulaski and 26th St"), (50, "Devon & Western")] {
            let mut i = Incident::new(now() + Duration::minutes(mins), IncidentKind::Home, place);
            i.zone_id = Some(zone.id);
            ids.push(s.write(now(), |w| crate::incident::add_incident(w, &i)).unwrap());
        }
        s.write(now(), |w| crate::incident::handle(w, ids[0], Some(disp))).unwrap();
        s.write(now(), |w| crate::incident::dispatch(w, ids[0], resp, ResponderRole::Verifier, now())).unwrap();
        s.write(now(), |w| crate::incident::close(w, ids[2], crate::domain::Disposition::FalseAlarm)).unwrap();
        let rows = desk(&s, false).unwrap();
        assert_eq!(rows.iter().map(|r| r.incident.id).collect::<Vec<_>>(), [ids[1], ids[0]]);
        assert_eq!(rows[1].handled_by.as_deref(), Some("Marisol Ñáñez"));
        assert_eq!((rows[1].responders, rows[1].zone.as_deref()), (1, Some("Pilsen")));
        assert_eq!(rows[0].same_event, [ids[0]]);
        let all = desk(&s, true).unwrap();
        assert_eq!(all.last().map(|r| r.incident.id), Some(ids[2]), "closed ones last");
        let p = page(&s, ids[0]).unwrap();
        assert!(p.unpaired, "one responder alone");
        assert_eq!(p.responders[0].name, "Beto Ramírez");
    }
}
