//! What each role's store holds of every table, field by field (docs/roles.md): the read
//! side of access, which the store keeps on every write and redaction cuts bundles by.

use serde_json::Value;

use crate::domain::Role;
use crate::schema::{self, Sensitivity, Table, DELETED};

use super::Actor;

/// The roster (members and their devices' public keys) goes to everyone: it is what
/// signatures and write authority are checked against.
pub(crate) fn is_roster(table: &str) -> bool {
    schema::table(table).is_some_and(schema::is_roster)
}

/// The tables an accompanier receives (records of them limited where `Scope::for_member`
/// says so).
pub(crate) const ACCOMPANIER_TABLES: &[&str] = &[
    "congregation",
    "volunteer",
    "household",
    "person",
    "court_date",
    "court_accompanier",
    "task",
    "note",
    "checklist_template",
];

/// The tables a dispatcher receives: the desk's whole (every zone, incident, verification,
/// observation and dispatch) and the volunteers to send; families only as linked from an
/// incident (`Scope::for_member`).
pub(crate) const DISPATCHER_TABLES: &[&str] = &[
    "response_zone",
    "incident",
    "incident_verification",
    "incident_observation",
    "dispatch",
    "volunteer",
    "oncall_slot",
    "oncall_shift",
    "oncall_assignment",
];

/// The tables a role receives every record of (fields cut by [`access`]); other tables'
/// records only as `Scope::for_member` lists them.
pub(crate) fn whole_tables(role: Role) -> &'static [&'static str] {
    match role {
        Role::Accompanier => ACCOMPANIER_TABLES,
        Role::Dispatcher => DISPATCHER_TABLES,
        _ => &[],
    }
}

/// An incident's caller: what a responder is never sent.
const CALLER: &[&str] = &["caller_phone", "caller_language", "caller_affected", "caller_safe", "caller_cleared_at"];

/// How a field this store does not hold is shown: never as "none", a default or an
/// empty list. The front ends translate it ("no compartido con su rol").
pub const NOT_SHARED: &str = "not shared with your role";

/// Replace, in a record's JSON (its fields by name), every field this store does not hold
/// by the marker `{"not_shared": true}`, so a reader (a script of `--json`, the app) never
/// takes a default for a value.
pub fn mark_not_held(actor: Actor, table: &Table, record: &mut Value) {
    let Value::Object(map) = record else { return };
    for (name, value) in map.iter_mut() {
        if table.field(name).is_some() && !actor.holds(table, name) {
            *value = serde_json::json!({ "not_shared": true });
        }
    }
}

/// The fields of `table` this store does not hold (empty for a coordinator's or a store
/// alone), for a front end to show as not shared.
pub fn not_held(actor: Actor, table: &Table) -> Vec<String> {
    table.fields.iter().filter(|f| !actor.holds(table, f.name)).map(|f| f.name.to_string()).collect()
}

/// Whether a store whose own role is `role` holds `field` of `table` (as far as it holds
/// the record at all). A field it does not hold is "not shared with your role": stored
/// empty, shown as such, and never written or sent by this store.
pub fn holds(role: Role, table: &Table, field: &str) -> bool {
    !matches!(access(role, table, field), Access::No)
}

pub(crate) enum Access {
    No,
    Yes,
    /// Only the first word of a name ("the guest's first name").
    FirstName,
}

/// Whether a member with `role` receives every field of `table` as it is (none left out
/// or cut), so a record of it on their store is whole.
pub(crate) fn receives_every_field(role: Role, table: &Table) -> bool {
    table.fields.iter().all(|f| matches!(access(role, table, f.name), Access::Yes))
}

pub(crate) fn access(role: Role, table: &Table, field: &str) -> Access {
    use Access::*;
    if is_roster(table.name) {
        // Names of team members only to those who coordinate with them (coordinators,
        // and accompaniers, who go to court together); the keys and roles go to everyone,
        // since every bundle's signature and every change's authority is checked by them.
        return match (role, field) {
            (Role::Host | Role::ShiftVolunteer | Role::Driver | Role::Responder, "name") => FirstName,
            _ => Yes,
        };
    }
    if field == DELETED {
        return Yes;
    }
    let Some(f) = table.field(field) else { return No };
    let basic_or_contact = matches!(f.sensitivity, Sensitivity::Basic | Sensitivity::Contact);
    match role {
        Role::Coordinator => Yes,
        Role::Accompanier => {
            // The team's checklists (e.g. "detained"): accompaniers open them.
            if ACCOMPANIER_TABLES.contains(&table.name) && basic_or_contact {
                Yes
            } else {
                No
            }
        }
        Role::Host => match table.name {
            "housing_site" | "sanctuary_site" | "shift" | "shift_assignment" => Yes,
            // The rota pattern of their site and swaps of its shifts.
            "rotation_template" | "swap_request" => Yes,
            "placement" => {
                if f.sensitivity == Sensitivity::Legal {
                    No
                } else {
                    Yes
                }
            }
            "household" => {
                if matches!(field, "display_name" | "languages" | "needs") {
                    Yes
                } else {
                    No
                }
            }
            "volunteer" => {
                if matches!(field, "name" | "phone" | "languages" | "active") {
                    Yes
                } else {
                    No
                }
            }
            _ => No,
        },
        Role::ShiftVolunteer => match table.name {
            "shift" | "shift_assignment" => Yes,
            // The rota of their site: its pattern, and the swaps offered on its shifts.
            "rotation_template" | "swap_request" => Yes,
            "sanctuary_site" => {
                if matches!(field, "name" | "code" | "time_zone") {
                    Yes
                } else {
                    No
                }
            }
            "sanctuary_guest" => Yes,
            "person" => match field {
                "name" | "preferred_name" => FirstName,
                // The household id is only a link (guests of one family), not its data.
                "household_id" => Yes,
                _ => No,
            },
            "volunteer" => {
                if matches!(field, "name" | "phone" | "languages" | "active") {
                    Yes
                } else {
                    No
                }
            }
            _ => No,
        },
        Role::Dispatcher => match table.name {
            "response_zone" | "incident" | "incident_verification" | "incident_observation" | "dispatch" => Yes,
            "oncall_slot" | "oncall_shift" | "oncall_assignment" => Yes,
            // Who to send, and whether they are trained for it.
            "volunteer" => {
                if matches!(
                    field,
                    "name" | "phone" | "preferred_contact" | "languages" | "trainings" | "roles" | "active"
                ) {
                    Yes
                } else {
                    No
                }
            }
            // A detained person's family, by name and status only.
            "household" => {
                if matches!(field, "display_name" | "status") {
                    Yes
                } else {
                    No
                }
            }
            "person" => {
                if matches!(field, "name" | "household_id") {
                    Yes
                } else {
                    No
                }
            }
            _ => No,
        },
        Role::Responder => match table.name {
            // Where to go and what was seen; never who called, nor the family's case.
            "incident" => {
                if CALLER.contains(&field) || f.sensitivity == Sensitivity::Legal {
                    No
                } else {
                    Yes
                }
            }
            "response_zone" | "incident_verification" | "incident_observation" | "dispatch" => Yes,
            // Their own on-call shifts.
            "oncall_shift" | "oncall_assignment" => Yes,
            // Who they go with.
            "volunteer" => {
                if matches!(field, "name" | "phone" | "languages" | "active") {
                    Yes
                } else {
                    No
                }
            }
            _ => No,
        },
        Role::Driver => match table.name {
            "court_date" => {
                // When and where to drive, not what the hearing is (its kind says a case's stage).
                if matches!(
                    field,
                    "local_start"
                        | "time_zone"
                        | "starts_utc"
                        | "time_tbc"
                        | "confirmed"
                        | "place"
                        | "address"
                        | "room"
                        | "status"
                        | "household_id"
                        | "person_id"
                        | "transport_needed"
                        | "min_accompaniers"
                ) {
                    Yes
                } else {
                    No
                }
            }
            "person" => match field {
                "name" | "preferred_name" => FirstName,
                "household_id" => Yes,
                _ => No,
            },
            "household" => {
                if field == "phone" {
                    Yes
                } else {
                    No
                }
            }
            // A ride is its kind, date and who drives; the title may name the case.
            "task" => {
                if matches!(field, "due_date" | "status" | "kind" | "assignee_id") {
                    Yes
                } else {
                    No
                }
            }
            _ => No,
        },
    }
}
