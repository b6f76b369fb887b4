//! Who may read and who may change what: the store of each role holds some fields
//! ([`fields`]), and each role may make some changes ([`authority`]). Below the store and
//! sync, which both keep it; it reads the roster and nothing else.

pub mod authority;
pub mod fields;

use rusqlite::OptionalExtension;
use uuid::Uuid;

use crate::domain::Role;
use crate::error::Result;
use crate::schema::Table;

/// Who is writing on this device, as far as what they may change and what this store holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    /// A store on no team: its owner holds and may change everything.
    Alone,
    /// A member of a team, with the role the roster gives them (`None` until the roster
    /// has arrived) and their volunteer record.
    Member { role: Option<Role>, volunteer: Option<Uuid> },
}

impl Actor {
    pub(crate) fn of(conn: &rusqlite::Connection, member: Uuid) -> Result<Actor> {
        let on_team = conn.query_row("SELECT 1 FROM meta WHERE key = 'team_id'", [], |_| Ok(())).optional()?.is_some();
        if !on_team {
            return Ok(Actor::Alone);
        }
        let row: Option<(Option<String>, Option<String>)> = conn
            .query_row(
                "SELECT role, volunteer_id FROM member WHERE id = ?1 AND deleted = 0",
                [member.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let (role, volunteer) = row.unwrap_or_default();
        Ok(Actor::Member { role: role.and_then(|r| r.parse().ok()), volunteer: volunteer.and_then(|v| v.parse().ok()) })
    }

    /// The role whose read scope and write authority apply; `None` for a store alone or a
    /// coordinator's, which hold and may change everything.
    pub fn limited_role(&self) -> Option<Role> {
        match self {
            Actor::Alone | Actor::Member { role: Some(Role::Coordinator), .. } => None,
            // Until the roster arrives a member holds nothing of the team's and may change
            // nothing of it; the shift volunteer's scope is the narrowest.
            Actor::Member { role: None, .. } => Some(Role::ShiftVolunteer),
            Actor::Member { role: Some(r), .. } => Some(*r),
        }
    }

    /// Whether this store holds `field` of `table` (see `fields::holds`).
    pub fn holds(&self, table: &Table, field: &str) -> bool {
        self.limited_role().is_none_or(|role| fields::holds(role, table, field))
    }
}
