//! Who receives what (docs/design/domain.md, "Who sees what"). A recipient's role
//! decides which tables, records and fields go into their bundle; everything else never
//! enters the file.

use std::collections::{HashMap, HashSet};

use rusqlite::Connection;
use serde_json::Value;
use uuid::Uuid;

use super::merge::PURGED;
pub(crate) use crate::access::fields::receives_every_field;
use crate::access::fields::{access, is_roster as roster, whole_tables, Access};
pub use crate::access::fields::{holds, mark_not_held, not_held, NOT_SHARED};
use crate::domain::Role;
use crate::error::Result;
use crate::schema::{self, Table};
use crate::store::Change;

/// What one recipient may receive.
pub struct Scope {
    role: Role,
    /// For roles limited to some records: the ids of the records they may see, per table.
    records: Option<HashMap<&'static str, HashSet<Uuid>>>,
    /// The recipient's own member record, which they receive whole (their own full name:
    /// cut to a first name, it would conflict with what their store says of them).
    own_member: Option<Uuid>,
}

fn ids(conn: &Connection, sql: &str, param: &str) -> Result<HashSet<Uuid>> {
    let mut st = conn.prepare(sql)?;
    let v = st.query_map([param], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v.into_iter().filter_map(|s| s.parse().ok()).collect())
}

fn in_list(ids: &HashSet<Uuid>) -> String {
    let v: Vec<String> = ids.iter().map(|i| format!("'{i}'")).collect();
    v.join(",")
}

fn ids_where(conn: &Connection, table: &str, col: &str, among: &HashSet<Uuid>) -> Result<HashSet<Uuid>> {
    if among.is_empty() {
        return Ok(HashSet::new());
    }
    // The ids are UUIDs parsed above, never text from input.
    ids(conn, &format!("SELECT id FROM {table} WHERE {col} IN ({}) AND ?1 = ?1", in_list(among)), "")
}

impl Scope {
    /// Work out what a member with `role` (linked to `volunteer` when they are one) may
    /// receive, from the store's current state.
    pub fn for_member(conn: &Connection, role: Role, volunteer: Option<Uuid>) -> Result<Scope> {
        let mut records: HashMap<&'static str, HashSet<Uuid>> = HashMap::new();
        let v = volunteer.map(|v| v.to_string()).unwrap_or_default();
        match role {
            Role::Coordinator => return Ok(Scope { role, records: None, own_member: None }),
            Role::Accompanier => {
                records.insert(
                    "note",
                    ids(conn, "SELECT id FROM note WHERE visibility = 'volunteers' AND record_table IN ('household','person','court_date','task') AND ?1 = ?1", "")?,
                );
                // Their own tasks, not every family's.
                records.insert("task", ids(conn, "SELECT id FROM task WHERE assignee_id = ?1", &v)?);
                // Who they go to court with (and who leads), not the whole directory.
                let mut vols = ids(
                    conn,
                    "SELECT volunteer_id FROM court_accompanier WHERE deleted = 0 AND ?1 = ?1
                     UNION SELECT leader_id FROM court_date WHERE deleted = 0 AND leader_id IS NOT NULL",
                    "",
                )?;
                vols.extend(volunteer);
                records.insert("volunteer", vols);
            }
            Role::Host => {
                let sites = ids(conn, "SELECT id FROM housing_site WHERE host_volunteer_id = ?1", &v)?;
                let placements = ids_where(conn, "placement", "site_id", &sites)?;
                let households = if placements.is_empty() {
                    HashSet::new()
                } else {
                    ids(
                        conn,
                        &format!(
                            "SELECT household_id FROM placement WHERE id IN ({}) AND ?1 = ?1",
                            in_list(&placements)
                        ),
                        "",
                    )?
                };
                let ssites = ids(conn, "SELECT id FROM sanctuary_site WHERE host_volunteer_id = ?1", &v)?;
                let shifts = ids_where(conn, "shift", "site_id", &ssites)?;
                let assignments = ids_where(conn, "shift_assignment", "shift_id", &shifts)?;
                let mut vols: HashSet<Uuid> = if assignments.is_empty() {
                    HashSet::new()
                } else {
                    ids(
                        conn,
                        &format!(
                            "SELECT volunteer_id FROM shift_assignment WHERE id IN ({}) AND ?1 = ?1",
                            in_list(&assignments)
                        ),
                        "",
                    )?
                };
                vols.extend(volunteer);
                records.insert("rotation_template", ids_where(conn, "rotation_template", "site_id", &ssites)?);
                records.insert("swap_request", ids_where(conn, "swap_request", "shift_id", &shifts)?);
                records.insert("housing_site", sites);
                records.insert("placement", placements);
                records.insert("household", households);
                records.insert("sanctuary_site", ssites);
                records.insert("shift", shifts);
                records.insert("shift_assignment", assignments);
                records.insert("volunteer", vols);
            }
            Role::ShiftVolunteer => {
                let ssites = ids(
                    conn,
                    "SELECT DISTINCT s.site_id FROM shift_assignment a JOIN shift s ON s.id = a.shift_id WHERE a.volunteer_id = ?1 AND a.deleted = 0",
                    &v,
                )?;
                let shifts = ids_where(conn, "shift", "site_id", &ssites)?;
                let assignments = ids_where(conn, "shift_assignment", "shift_id", &shifts)?;
                let guests = ids_where(conn, "sanctuary_guest", "site_id", &ssites)?;
                let persons = if guests.is_empty() {
                    HashSet::new()
                } else {
                    ids(
                        conn,
                        &format!(
                            "SELECT person_id FROM sanctuary_guest WHERE id IN ({}) AND ?1 = ?1",
                            in_list(&guests)
                        ),
                        "",
                    )?
                };
                let mut vols: HashSet<Uuid> = if assignments.is_empty() {
                    HashSet::new()
                } else {
                    ids(
                        conn,
                        &format!(
                            "SELECT volunteer_id FROM shift_assignment WHERE id IN ({}) AND ?1 = ?1",
                            in_list(&assignments)
                        ),
                        "",
                    )?
                };
                vols.extend(volunteer);
                records.insert("rotation_template", ids_where(conn, "rotation_template", "site_id", &ssites)?);
                records.insert("swap_request", ids_where(conn, "swap_request", "shift_id", &shifts)?);
                records.insert("sanctuary_site", ssites);
                records.insert("shift", shifts);
                records.insert("shift_assignment", assignments);
                records.insert("sanctuary_guest", guests);
                records.insert("person", persons);
                records.insert("volunteer", vols);
            }
            Role::Dispatcher => {
                // Families only as an incident's follow-up names them.
                records.insert(
                    "household",
                    ids(
                        conn,
                        "SELECT household_id FROM incident WHERE deleted = 0 AND household_id IS NOT NULL AND ?1 = ?1",
                        "",
                    )?,
                );
                records.insert(
                    "person",
                    ids(
                        conn,
                        "SELECT person_id FROM incident WHERE deleted = 0 AND person_id IS NOT NULL AND ?1 = ?1",
                        "",
                    )?,
                );
            }
            Role::Responder => {
                // The incidents they are sent to, what is part of them, who goes with them.
                let incidents =
                    ids(conn, "SELECT DISTINCT incident_id FROM dispatch WHERE volunteer_id = ?1 AND deleted = 0", &v)?;
                let dispatches = ids_where(conn, "dispatch", "incident_id", &incidents)?;
                let mut vols: HashSet<Uuid> = if dispatches.is_empty() {
                    HashSet::new()
                } else {
                    ids(
                        conn,
                        &format!(
                            "SELECT volunteer_id FROM dispatch WHERE id IN ({}) AND ?1 = ?1",
                            in_list(&dispatches)
                        ),
                        "",
                    )?
                };
                vols.extend(volunteer);
                records.insert(
                    "incident_verification",
                    ids_where(conn, "incident_verification", "incident_id", &incidents)?,
                );
                records.insert(
                    "incident_observation",
                    ids_where(conn, "incident_observation", "incident_id", &incidents)?,
                );
                records.insert("response_zone", ids(conn, "SELECT id FROM response_zone WHERE ?1 = ?1", "")?);
                let own = ids(conn, "SELECT id FROM oncall_assignment WHERE volunteer_id = ?1 AND deleted = 0", &v)?;
                let shifts = if own.is_empty() {
                    HashSet::new()
                } else {
                    ids(
                        conn,
                        &format!("SELECT shift_id FROM oncall_assignment WHERE id IN ({}) AND ?1 = ?1", in_list(&own)),
                        "",
                    )?
                };
                records.insert("oncall_assignment", own);
                records.insert("oncall_shift", shifts);
                records.insert("dispatch", dispatches);
                records.insert("incident", incidents);
                records.insert("volunteer", vols);
            }
            Role::Driver => {
                let rides = ids(
                    conn,
                    "SELECT DISTINCT c.id FROM court_date c JOIN court_accompanier a ON a.court_date_id = c.id
                     WHERE a.volunteer_id = ?1 AND a.deleted = 0 AND c.transport_needed = 1",
                    &v,
                )?;
                let persons = if rides.is_empty() {
                    HashSet::new()
                } else {
                    ids(
                        conn,
                        &format!(
                            "SELECT person_id FROM court_date WHERE id IN ({}) AND person_id IS NOT NULL AND ?1 = ?1",
                            in_list(&rides)
                        ),
                        "",
                    )?
                };
                let households = if rides.is_empty() {
                    HashSet::new()
                } else {
                    ids(
                        conn,
                        &format!("SELECT household_id FROM court_date WHERE id IN ({}) AND ?1 = ?1", in_list(&rides)),
                        "",
                    )?
                };
                // Their rides, not the family's other needs.
                let tasks = ids(conn, "SELECT id FROM task WHERE assignee_id = ?1 AND kind = 'ride'", &v)?;
                records.insert("court_date", rides);
                records.insert("person", persons);
                records.insert("household", households);
                records.insert("task", tasks);
            }
        }
        Ok(Scope { role, records: Some(records), own_member: None })
    }

    pub fn role(&self) -> Role {
        self.role
    }

    /// Roles limited to some records get every export as a snapshot of those records, so a
    /// record that comes into their scope later (a task assigned to them, a volunteer who
    /// joins their court date) arrives with its whole history.
    pub fn snapshot_only(&self) -> bool {
        self.role != Role::Coordinator
    }

    /// Whether any field of the record `id` of `table` may reach this recipient.
    pub fn may_see(&self, table: &'static Table, id: Uuid) -> bool {
        if roster(table.name) {
            return true;
        }
        let record_ok = match &self.records {
            None => true,
            Some(records) => match records.get(table.name) {
                Some(set) => set.contains(&id),
                None => whole_tables(self.role).contains(&table.name),
            },
        };
        record_ok && table.fields.iter().any(|f| !matches!(access(self.role, table, f.name), Access::No))
    }

    /// Whether this recipient's role receives any record of `table`.
    fn receives_some(&self, table: &'static Table) -> bool {
        if roster(table.name) {
            return true;
        }
        let table_ok = match &self.records {
            None => true,
            Some(records) => records.contains_key(table.name) || whole_tables(self.role).contains(&table.name),
        };
        table_ok && table.fields.iter().any(|f| !matches!(access(self.role, table, f.name), Access::No))
    }

    /// The scope of the member `member` (whose own member record goes to them whole).
    pub fn of_member(mut self, member: Uuid) -> Scope {
        self.own_member = Some(member);
        self
    }

    /// The change as this recipient may receive it (only the fields they may see, cut
    /// where their role asks), or `None` when nothing of it may leave.
    pub fn admit(&self, table: &'static Table, mut change: Change) -> Option<Change> {
        if change.fields.contains_key(PURGED) {
            // A purge carries no content and must reach everyone who may hold the record,
            // which cannot be told once it is gone; but never one whose role receives no
            // record of its kind (an accompanier, a placement's or a shift's).
            return self.receives_some(table).then_some(change);
        }
        if !roster(table.name) {
            if let Some(records) = &self.records {
                match records.get(table.name) {
                    Some(set) if set.contains(&change.record_id) => {}
                    Some(_) => return None,
                    // Not limited per record: the tables the role receives whole.
                    None if whole_tables(self.role).contains(&table.name) => {}
                    None => return None,
                }
            }
        }
        if table.name == schema::MEMBER.name && Some(change.record_id) == self.own_member {
            return Some(change);
        }
        change.fields.retain(|name, field| match access(self.role, table, name) {
            Access::No => false,
            Access::Yes => true,
            Access::FirstName => {
                if let Value::String(s) = &field.value {
                    field.value = Value::String(s.split_whitespace().next().unwrap_or("").to_string());
                }
                true
            }
        });
        (!change.fields.is_empty()).then_some(change)
    }
}
