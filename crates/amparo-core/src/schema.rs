//! The registry of synced tables and their fields.
//!
//! The write path, the change log, sync and redaction are all driven by this one
//! table of facts, so a column exists for them only if it is named here. Column
//! names reach SQL only from this registry, never from input.

use serde::{Deserialize, Serialize};

/// How a field's value is stored in its SQLite column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Int,
    Bool,
    /// A JSON array or object kept as text (languages, trainings, availability…).
    Json,
}

/// What a field reveals, which decides who may receive it in a bundle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sensitivity {
    /// Structural: ids, links, dates of scheduling, statuses.
    Basic,
    /// Names and ways to reach someone.
    Contact,
    /// Where someone sleeps or lives.
    Location,
    /// Immigration status, A-numbers, attorneys, detention, internal notes.
    Legal,
}

#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub kind: Kind,
    pub sensitivity: Sensitivity,
    /// Included in the full-text index.
    pub searchable: bool,
    /// Concurrent edits always go to a person for review (docs/design/sync.md, property 6).
    pub high_stakes: bool,
}

#[derive(Debug)]
pub struct Table {
    pub name: &'static str,
    pub fields: &'static [Field],
}

impl Table {
    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.name == name)
    }
}

const fn f(name: &'static str, kind: Kind, sensitivity: Sensitivity) -> Field {
    Field { name, kind, sensitivity, searchable: false, high_stakes: false }
}
const fn s(name: &'static str, kind: Kind, sensitivity: Sensitivity) -> Field {
    Field { name, kind, sensitivity, searchable: true, high_stakes: false }
}
const fn h(name: &'static str, kind: Kind, sensitivity: Sensitivity) -> Field {
    Field { name, kind, sensitivity, searchable: false, high_stakes: true }
}

use Kind::*;
use Sensitivity::*;

pub static MEMBER: Table = Table {
    name: "member",
    fields: &[s("name", Text, Contact), f("role", Text, Basic), f("volunteer_id", Text, Basic)],
};

pub static DEVICE: Table = Table {
    name: "device",
    fields: &[
        f("member_id", Text, Basic),
        f("label", Text, Basic),
        f("sign_key", Text, Basic),
        f("age_recipient", Text, Basic),
        f("revoked_at", Text, Basic),
    ],
};

pub static CONGREGATION: Table = Table {
    name: "congregation",
    fields: &[s("name", Text, Basic), s("city", Text, Basic), f("contact", Text, Contact)],
};

pub static HOUSEHOLD: Table = Table {
    name: "household",
    fields: &[
        s("display_name", Text, Contact),
        f("languages", Json, Basic),
        f("phone", Text, Contact),
        f("voicemail_ok", Bool, Contact),
        f("alternate_contact", Text, Contact),
        s("address", Text, Location),
        f("lead_congregation_id", Text, Basic),
        f("lead_volunteer_id", Text, Basic),
        f("intake_date", Text, Legal),
        f("status", Text, Legal),
        f("consent", Text, Legal),
        s("needs", Text, Basic),
        f("tags", Json, Legal),
        f("closed_at", Text, Basic),
    ],
};

pub static PERSON: Table = Table {
    name: "person",
    fields: &[
        f("household_id", Text, Basic),
        s("name", Text, Contact),
        s("preferred_name", Text, Basic),
        f("relationship", Text, Basic),
        f("birth_date", Text, Legal),
        f("country", Text, Legal),
        f("languages", Json, Basic),
        f("a_number", Text, Legal),
        s("attorney_name", Text, Legal),
        s("attorney_org", Text, Legal),
        f("attorney_phone", Text, Legal),
        f("case_status", Text, Legal),
        s("detention_facility", Text, Legal),
        f("detained_since", Text, Legal),
        f("bond_amount", Text, Legal),
        f("bond_status", Text, Legal),
        f("ankle_monitor", Bool, Legal),
        f("deadlines", Json, Legal),
    ],
};

pub static VOLUNTEER: Table = Table {
    name: "volunteer",
    fields: &[
        s("name", Text, Contact),
        f("congregation_id", Text, Basic),
        f("phone", Text, Contact),
        f("preferred_contact", Text, Contact),
        f("languages", Json, Basic),
        f("trainings", Json, Basic),
        f("background_check_expires", Text, Legal),
        f("roles", Json, Basic),
        f("availability", Json, Basic),
        f("max_shifts_per_week", Int, Basic),
        f("min_rest_hours", Int, Basic),
        f("active", Bool, Basic),
    ],
};

pub static COURT_DATE: Table = Table {
    name: "court_date",
    fields: &[
        f("household_id", Text, Basic),
        f("person_id", Text, Basic),
        h("kind", Text, Basic),
        h("local_start", Text, Basic),
        h("time_zone", Text, Basic),
        h("starts_utc", Text, Basic),
        f("time_tbc", Bool, Basic),
        f("confirmed", Bool, Basic),
        Field { name: "place", kind: Text, sensitivity: Basic, searchable: true, high_stakes: true },
        h("address", Text, Basic),
        h("room", Text, Basic),
        f("judge", Text, Legal),
        f("attorney_attending", Text, Legal),
        f("interpreter", Text, Basic),
        f("transport_needed", Bool, Basic),
        f("min_accompaniers", Int, Basic),
        f("max_accompaniers", Int, Basic),
        f("leader_id", Text, Basic),
        s("accompanier_notes", Text, Basic),
        s("internal_notes", Text, Legal),
        h("status", Text, Basic),
        s("outcome", Text, Legal),
        f("detained", Bool, Legal),
        f("next_court_date_id", Text, Basic),
        f("previous_court_date_id", Text, Basic),
    ],
};

pub static COURT_ACCOMPANIER: Table =
    Table { name: "court_accompanier", fields: &[h("court_date_id", Text, Basic), h("volunteer_id", Text, Basic)] };

pub static HOUSING_SITE: Table = Table {
    name: "housing_site",
    fields: &[
        s("name", Text, Basic),
        f("kind", Text, Basic),
        s("address", Text, Location),
        f("capacity", Int, Basic),
        f("languages", Json, Basic),
        f("accepts_children", Bool, Basic),
        f("accepts_pets", Bool, Basic),
        f("accessible", Bool, Basic),
        f("contact", Text, Contact),
        f("host_volunteer_id", Text, Basic),
        f("verified_on", Text, Basic),
        f("verification", Text, Basic),
    ],
};

pub static PLACEMENT: Table = Table {
    name: "placement",
    fields: &[
        f("household_id", Text, Basic),
        f("site_id", Text, Basic),
        f("beds", Int, Basic),
        h("start_date", Text, Basic),
        h("expected_end", Text, Basic),
        h("actual_end", Text, Basic),
        f("support_lead_id", Text, Basic),
        f("checkin_schedule", Text, Basic),
        s("notes", Text, Legal),
    ],
};

pub static SANCTUARY_SITE: Table = Table {
    name: "sanctuary_site",
    fields: &[
        s("name", Text, Basic),
        f("code", Text, Basic),
        s("address", Text, Location),
        f("time_zone", Text, Basic),
        f("congregation_id", Text, Basic),
        f("host_volunteer_id", Text, Basic),
    ],
};

pub static SANCTUARY_GUEST: Table = Table {
    name: "sanctuary_guest",
    fields: &[f("person_id", Text, Basic), f("site_id", Text, Basic), f("since", Text, Basic), f("until", Text, Basic)],
};

pub static SHIFT: Table = Table {
    name: "shift",
    fields: &[
        f("site_id", Text, Basic),
        f("label", Text, Basic),
        h("starts_utc", Text, Basic),
        h("ends_utc", Text, Basic),
        f("min_people", Int, Basic),
        f("max_people", Int, Basic),
        f("required_skills", Json, Basic),
        s("handoff_notes", Text, Basic),
    ],
};

pub static SHIFT_ASSIGNMENT: Table = Table {
    name: "shift_assignment",
    fields: &[
        h("shift_id", Text, Basic),
        h("volunteer_id", Text, Basic),
        f("confirmed", Bool, Basic),
        f("manual", Bool, Basic),
        f("claimed_at", Text, Basic),
    ],
};

pub static TASK: Table = Table {
    name: "task",
    fields: &[
        f("household_id", Text, Basic),
        s("title", Text, Basic),
        f("due_date", Text, Basic),
        f("assignee_id", Text, Basic),
        f("status", Text, Basic),
        f("kind", Text, Basic),
    ],
};

pub static NOTE: Table = Table {
    name: "note",
    fields: &[
        f("record_table", Text, Basic),
        f("record_id", Text, Basic),
        s("body", Text, Basic),
        f("visibility", Text, Basic),
        f("created_at", Text, Basic),
    ],
};

pub static ROTATION_TEMPLATE: Table = Table {
    name: "rotation_template",
    fields: &[f("site_id", Text, Basic), f("name", Text, Basic), f("shifts", Json, Basic)],
};

pub static SWAP_REQUEST: Table = Table {
    name: "swap_request",
    fields: &[
        f("shift_id", Text, Basic),
        f("assignment_id", Text, Basic),
        f("from_volunteer_id", Text, Basic),
        f("to_volunteer_id", Text, Basic),
        f("status", Text, Basic),
        f("offered_at", Text, Basic),
        f("taken_at", Text, Basic),
        f("decided_at", Text, Basic),
        f("decided_by", Text, Basic),
    ],
};

pub static CHECKLIST_TEMPLATE: Table =
    Table { name: "checklist_template", fields: &[f("name", Text, Basic), f("items", Json, Basic)] };

pub static RESPONSE_ZONE: Table = Table {
    name: "response_zone",
    fields: &[s("name", Text, Basic), f("signal_group", Text, Basic), f("time_zone", Text, Basic)],
};

pub static INCIDENT: Table = Table {
    name: "incident",
    fields: &[
        f("received_at", Text, Basic),
        f("received_by_id", Text, Basic),
        f("caller_phone", Text, Contact),
        f("caller_language", Text, Contact),
        f("caller_affected", Bool, Contact),
        f("caller_safe", Bool, Contact),
        f("caller_cleared_at", Text, Basic),
        f("kind", Text, Basic),
        f("zone_id", Text, Basic),
        f("agents", Int, Basic),
        f("vehicles", Int, Basic),
        f("more_unseen", Bool, Basic),
        f("activity", Text, Basic),
        s("location", Text, Location),
        s("landmark", Text, Location),
        f("direction", Text, Basic),
        f("uniforms", Json, Basic),
        f("marked", Bool, Basic),
        f("observed_at", Text, Basic),
        f("equipment", Text, Basic),
        f("agencies", Json, Basic),
        f("identified_by", Text, Basic),
        s("plates", Text, Basic),
        s("badge_numbers", Text, Basic),
        f("warrant", Text, Basic),
        f("warrant_details", Text, Basic),
        f("entry_consented", Bool, Basic),
        f("status", Text, Basic),
        h("disposition", Text, Basic),
        f("handled_by_id", Text, Basic),
        s("summary", Text, Basic),
        f("household_id", Text, Legal),
        f("person_id", Text, Legal),
        f("dependents", Text, Legal),
        f("standby_guardian", Text, Legal),
        f("referral_attorney", Text, Legal),
        f("referral_date", Text, Legal),
        f("canvass_done", Bool, Basic),
        f("rights_material_left", Bool, Basic),
    ],
};

pub static INCIDENT_VERIFICATION: Table = Table {
    name: "incident_verification",
    fields: &[
        f("incident_id", Text, Basic),
        f("volunteer_id", Text, Basic),
        f("how", Text, Basic),
        f("at", Text, Basic),
        f("confirmed", Bool, Basic),
    ],
};

pub static INCIDENT_OBSERVATION: Table = Table {
    name: "incident_observation",
    fields: &[
        f("incident_id", Text, Basic),
        f("at", Text, Basic),
        s("text", Text, Basic),
        f("witness", Text, Contact),
        f("volunteer_id", Text, Basic),
    ],
};

pub static DISPATCH: Table = Table {
    name: "dispatch",
    fields: &[
        f("incident_id", Text, Basic),
        f("volunteer_id", Text, Basic),
        f("role", Text, Basic),
        f("notified_at", Text, Basic),
        f("acknowledged_at", Text, Basic),
        f("on_scene_at", Text, Basic),
        f("left_at", Text, Basic),
    ],
};

/// Every synced table, in an order where a record's parents come before it.
pub static TABLES: &[&Table] = &[
    &MEMBER,
    &DEVICE,
    &CONGREGATION,
    &VOLUNTEER,
    &HOUSEHOLD,
    &PERSON,
    &COURT_DATE,
    &COURT_ACCOMPANIER,
    &HOUSING_SITE,
    &PLACEMENT,
    &SANCTUARY_SITE,
    &SANCTUARY_GUEST,
    &SHIFT,
    &SHIFT_ASSIGNMENT,
    &TASK,
    &NOTE,
    &ROTATION_TEMPLATE,
    &SWAP_REQUEST,
    &CHECKLIST_TEMPLATE,
    &RESPONSE_ZONE,
    &INCIDENT,
    &INCIDENT_VERIFICATION,
    &INCIDENT_OBSERVATION,
    &DISPATCH,
    &ONCALL_SLOT,
    &ONCALL_SHIFT,
    &ONCALL_ASSIGNMENT,
    &DETENTION,
    &BOND,
    &DEPOSIT,
];

pub static ONCALL_SLOT: Table = Table {
    name: "oncall_slot",
    fields: &[
        f("zone_id", Text, Basic),
        f("weekday", Int, Basic),
        f("start_time", Text, Basic),
        f("end_time", Text, Basic),
        f("min_people", Int, Basic),
        f("needs_dispatcher", Bool, Basic),
        f("needs_zone_lead", Bool, Basic),
    ],
};

pub static ONCALL_SHIFT: Table = Table {
    name: "oncall_shift",
    fields: &[
        f("zone_id", Text, Basic),
        f("slot_id", Text, Basic),
        f("starts_utc", Text, Basic),
        f("ends_utc", Text, Basic),
        f("min_people", Int, Basic),
        f("needs_dispatcher", Bool, Basic),
        f("needs_zone_lead", Bool, Basic),
        f("closed", Bool, Basic),
    ],
};

pub static ONCALL_ASSIGNMENT: Table = Table {
    name: "oncall_assignment",
    fields: &[f("shift_id", Text, Basic), f("volunteer_id", Text, Basic), f("position", Text, Basic)],
};

pub static DETENTION: Table = Table {
    name: "detention",
    fields: &[
        f("person_id", Text, Basic),
        f("incident_id", Text, Basic),
        f("detained_on", Text, Legal),
        s("facility", Text, Legal),
        f("facility_phone", Text, Legal),
        f("ero_office", Text, Legal),
        s("booking_number", Text, Legal),
        f("transfers", Json, Legal),
        f("last_locator_check", Text, Legal),
        h("released_on", Text, Legal),
        f("release_conditions", Json, Legal),
    ],
};

pub static BOND: Table = Table {
    name: "bond",
    fields: &[
        f("detention_id", Text, Basic),
        h("amount_cents", Int, Legal),
        f("obligor", Text, Legal),
        h("fund_share_cents", Int, Legal),
        h("status", Text, Legal),
        f("posted_on", Text, Legal),
        h("refund_cents", Int, Legal),
        f("refund_on", Text, Legal),
    ],
};

pub static DEPOSIT: Table = Table {
    name: "deposit",
    fields: &[
        f("detention_id", Text, Basic),
        f("kind", Text, Legal),
        f("vendor", Text, Legal),
        f("amount_cents", Int, Legal),
        f("by_volunteer_id", Text, Basic),
        f("made_on", Text, Legal),
    ],
};

/// A field that names a record of another table. `part_of` marks the links by which a
/// record is part of the one it names (a family's person, a court date's accompanier):
/// deleted, restored and forgotten with it, and counted as the family's in activity and
/// search. Every other link is a reference (who leads, which site) and outlives what it
/// names. A note's `record_id` points at the table its `record_table` names and is not
/// listed; a note is part of the record it is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    pub table: &'static str,
    pub field: &'static str,
    pub to: &'static str,
    pub part_of: bool,
}

const fn refers(table: &'static str, field: &'static str, to: &'static str) -> Link {
    Link { table, field, to, part_of: false }
}

const fn part_of(table: &'static str, field: &'static str, to: &'static str) -> Link {
    Link { table, field, to, part_of: true }
}

/// The one list of how records hang together.
pub static LINKS: &[Link] = &[
    refers("member", "volunteer_id", "volunteer"),
    refers("device", "member_id", "member"),
    refers("volunteer", "congregation_id", "congregation"),
    refers("household", "lead_congregation_id", "congregation"),
    refers("household", "lead_volunteer_id", "volunteer"),
    part_of("person", "household_id", "household"),
    part_of("court_date", "household_id", "household"),
    refers("court_date", "person_id", "person"),
    refers("court_date", "leader_id", "volunteer"),
    refers("court_date", "next_court_date_id", "court_date"),
    refers("court_date", "previous_court_date_id", "court_date"),
    part_of("court_accompanier", "court_date_id", "court_date"),
    refers("court_accompanier", "volunteer_id", "volunteer"),
    refers("housing_site", "host_volunteer_id", "volunteer"),
    part_of("placement", "household_id", "household"),
    refers("placement", "site_id", "housing_site"),
    refers("placement", "support_lead_id", "volunteer"),
    refers("sanctuary_site", "congregation_id", "congregation"),
    refers("sanctuary_site", "host_volunteer_id", "volunteer"),
    part_of("sanctuary_guest", "person_id", "person"),
    refers("sanctuary_guest", "site_id", "sanctuary_site"),
    refers("shift", "site_id", "sanctuary_site"),
    refers("shift_assignment", "shift_id", "shift"),
    refers("shift_assignment", "volunteer_id", "volunteer"),
    part_of("task", "household_id", "household"),
    refers("task", "assignee_id", "volunteer"),
    refers("rotation_template", "site_id", "sanctuary_site"),
    refers("swap_request", "shift_id", "shift"),
    refers("swap_request", "assignment_id", "shift_assignment"),
    refers("swap_request", "from_volunteer_id", "volunteer"),
    refers("swap_request", "to_volunteer_id", "volunteer"),
    refers("incident", "received_by_id", "volunteer"),
    refers("incident", "zone_id", "response_zone"),
    refers("incident", "handled_by_id", "volunteer"),
    refers("incident", "household_id", "household"),
    refers("incident", "person_id", "person"),
    part_of("incident_verification", "incident_id", "incident"),
    refers("incident_verification", "volunteer_id", "volunteer"),
    part_of("incident_observation", "incident_id", "incident"),
    refers("incident_observation", "volunteer_id", "volunteer"),
    part_of("dispatch", "incident_id", "incident"),
    refers("dispatch", "volunteer_id", "volunteer"),
    refers("oncall_slot", "zone_id", "response_zone"),
    refers("oncall_shift", "zone_id", "response_zone"),
    refers("oncall_shift", "slot_id", "oncall_slot"),
    part_of("oncall_assignment", "shift_id", "oncall_shift"),
    refers("oncall_assignment", "volunteer_id", "volunteer"),
    part_of("detention", "person_id", "person"),
    refers("detention", "incident_id", "incident"),
    part_of("bond", "detention_id", "detention"),
    part_of("deposit", "detention_id", "detention"),
    refers("deposit", "by_volunteer_id", "volunteer"),
];

/// The link `table.field`, when that field names a record.
pub fn link(table: &str, field: &str) -> Option<&'static Link> {
    LINKS.iter().find(|l| l.table == table && l.field == field)
}

/// The table `table`'s field `field` points at, when it is a link.
pub fn link_target(table: &str, field: &str) -> Option<&'static Table> {
    link(table, field).and_then(|l| self::table(l.to))
}

/// The record a record of `table` is part of, through this link (at most one per table).
pub fn whole_of(table: &str) -> Option<&'static Link> {
    LINKS.iter().find(|l| l.table == table && l.part_of)
}

/// The links by which records of other tables are part of a record of `table`.
pub fn parts_of(table: &str) -> impl Iterator<Item = &'static Link> + '_ {
    LINKS.iter().filter(move |l| l.to == table && l.part_of)
}

/// Whether records of `table` belong to a family: they are part of a household, directly or
/// through what they are part of.
pub fn belongs_to_a_family(table: &str) -> bool {
    let mut at = table;
    for _ in 0..LINKS.len() {
        if at == HOUSEHOLD.name {
            return true;
        }
        match whole_of(at) {
            Some(l) => at = l.to,
            None => return false,
        }
    }
    false
}

/// A court date's time: its local time and zone are one value (edited, merged and
/// reviewed together); the UTC instant is derived from them and travels with them. The
/// first field is the one a conflict or a review is shown on.
pub const COURT_TIME: &[&str] = &["local_start", "time_zone", "starts_utc"];

/// The fields that are one value with `field` (itself included), when it is one of them.
pub fn merged_with(table: &Table, field: &str) -> Option<&'static [&'static str]> {
    (table.name == COURT_DATE.name && COURT_TIME.contains(&field)).then_some(COURT_TIME)
}

/// The pseudo-field whose operation marks a record deleted (a tombstone).
pub const DELETED: &str = "_deleted";

/// The roster (members and their devices): changed only by coordinators, and what every
/// signature is checked against.
pub fn is_roster(table: &Table) -> bool {
    table.name == MEMBER.name || table.name == DEVICE.name
}

pub fn table(name: &str) -> Option<&'static Table> {
    TABLES.iter().copied().find(|t| t.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_names_are_unique_and_fields_are_unique_within_a_table() {
        let mut names: Vec<_> = TABLES.iter().map(|t| t.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), TABLES.len());
        for t in TABLES {
            let mut fs: Vec<_> = t.fields.iter().map(|f| f.name).collect();
            fs.sort();
            fs.dedup();
            assert_eq!(fs.len(), t.fields.len(), "duplicate field in {}", t.name);
            assert!(t.field("id").is_none() && t.field("deleted").is_none());
        }
    }

    #[test]
    fn every_link_names_a_field_and_a_table_and_every_id_field_is_a_link() {
        for l in LINKS {
            assert!(table(l.table).and_then(|t| t.field(l.field)).is_some(), "{}.{}", l.table, l.field);
            assert!(table(l.to).is_some(), "{}.{} -> {}", l.table, l.field, l.to);
        }
        for t in TABLES {
            for f in t.fields.iter().filter(|f| f.name.ends_with("_id") && f.name != "record_id") {
                assert!(link_target(t.name, f.name).is_some(), "{}.{} is not in LINKS", t.name, f.name);
            }
        }
    }

    #[test]
    fn a_record_is_part_of_at_most_one_other_and_what_belongs_to_a_family_is_what_links_say() {
        for t in TABLES {
            assert!(LINKS.iter().filter(|l| l.table == t.name && l.part_of).count() <= 1, "{}", t.name);
        }
        let family: Vec<&str> = TABLES.iter().map(|t| t.name).filter(|t| belongs_to_a_family(t)).collect();
        assert_eq!(
            family,
            [
                "household",
                "person",
                "court_date",
                "court_accompanier",
                "placement",
                "sanctuary_guest",
                "task",
                "detention",
                "bond",
                "deposit"
            ]
        );
        assert!(!belongs_to_a_family("volunteer") && !belongs_to_a_family("shift"));
    }
}
