//! Typed access to records: serde maps a record to and from its table's fields.

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};
use uuid::Uuid;

use super::write::read_row;
use super::{Store, Writer};
use crate::domain::Record;
use crate::error::{Error, Result};

pub(crate) fn to_fields<R: Record>(record: &R) -> Result<Vec<(&'static str, Value)>> {
    let Value::Object(map) = serde_json::to_value(record).map_err(|e| Error::Internal(e.to_string()))? else {
        return Err(Error::Internal(format!("{} does not serialise to an object", R::NOUN)));
    };
    let mut out = Vec::with_capacity(map.len());
    for (k, mut v) in map {
        if k == "id" {
            continue;
        }
        crate::domain::normalize_field(&k, &mut v);
        let field =
            R::TABLE.field(&k).ok_or_else(|| Error::Internal(format!("{} has no column {k}", R::TABLE.name)))?;
        out.push((field.name, v));
    }
    Ok(out)
}

/// A record from its row. Empty columns are left out rather than passed as `null`, so a
/// field this store never received (redacted for its role, see `sync::redact`) reads as
/// the type's default: `None`, an empty list, or the default the field declares.
pub(crate) fn from_map<R: Record>(mut map: Map<String, Value>) -> Result<R> {
    map.retain(|_, v| !v.is_null());
    for (k, v) in map.iter_mut() {
        crate::domain::normalize_field(k, v);
    }
    serde_json::from_value(Value::Object(map))
        .map_err(|e| Error::Internal(format!("stored {} could not be read: {e}", R::NOUN)))
}

fn select_sql<R: Record>(filter: &str) -> String {
    let cols: Vec<&str> = R::TABLE.fields.iter().map(|f| f.name).collect();
    format!("SELECT id, deleted, {} FROM {} WHERE deleted = 0 {filter}", cols.join(", "), R::TABLE.name)
}

/// Load records matching an SQL condition over the table's columns (trusted, static text).
/// Reading degrades, never fails: a row that does not read as its record type (stored bad
/// by an older version) is left out, and everything else still lists; the damaged ones
/// are named by `sync::validate::damaged` (shown by `amparo sync status`).
pub fn query<R: Record>(conn: &rusqlite::Connection, filter: &str, params: impl rusqlite::Params) -> Result<Vec<R>> {
    let mut stmt = conn.prepare_cached(&select_sql::<R>(filter))?;
    let maps = stmt
        .query_map(params, |r| {
            let id: String = r.get(0)?;
            let id = id.parse().unwrap_or_else(|_| Uuid::nil());
            row_to_map_offset::<R>(id, r)
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(maps.into_iter().filter_map(|m| from_map(m).ok()).collect())
}

fn row_to_map_offset<R: Record>(id: Uuid, r: &rusqlite::Row<'_>) -> rusqlite::Result<Map<String, Value>> {
    // Columns are: id, deleted, fields…
    let mut m = Map::new();
    m.insert("id".into(), Value::String(id.to_string()));
    for (i, f) in R::TABLE.fields.iter().enumerate() {
        let v: rusqlite::types::Value = r.get(i + 2)?;
        m.insert(f.name.into(), super::write::from_sql_value(f.kind, v));
    }
    Ok(m)
}

pub fn find<R: Record>(conn: &rusqlite::Connection, id: Uuid) -> Result<Option<R>> {
    match read_row(conn, R::TABLE, id)? {
        Some(map) if map.get("deleted") != Some(&Value::Bool(true)) => from_map(map).map(Some),
        _ => Ok(None),
    }
}

pub fn get<R: Record>(conn: &rusqlite::Connection, id: Uuid) -> Result<R> {
    find(conn, id)?.ok_or_else(|| Error::NotFound { kind: R::NOUN, id: id.to_string() })
}

impl Store {
    pub fn get<R: Record>(&self, id: Uuid) -> Result<R> {
        get(&self.conn, id)
    }

    pub fn find<R: Record>(&self, id: Uuid) -> Result<Option<R>> {
        find(&self.conn, id)
    }

    /// Every live record of a kind, oldest first (UUIDv7 ids sort by creation time).
    pub fn list<R: Record>(&self) -> Result<Vec<R>> {
        query(&self.conn, "ORDER BY id", [])
    }

    /// Create one record in its own transaction.
    pub fn create<R: Record>(&mut self, now: DateTime<Utc>, record: &R) -> Result<Uuid> {
        self.write(now, |w| w.create(record))
    }

    /// Save changes to one record in its own transaction; returns how many fields changed.
    pub fn save<R: Record>(&mut self, now: DateTime<Utc>, record: &R) -> Result<usize> {
        self.write(now, |w| w.save(record))
    }

    pub fn remove<R: Record>(&mut self, now: DateTime<Utc>, id: Uuid) -> Result<()> {
        self.write(now, |w| w.remove::<R>(id))
    }

    /// Resolve a full id or a unique prefix of one (as printed by list commands).
    pub fn resolve_id<R: Record>(&self, text: &str) -> Result<Uuid> {
        resolve_id::<R>(&self.conn, text)
    }
}

pub fn resolve_id<R: Record>(conn: &rusqlite::Connection, text: &str) -> Result<Uuid> {
    let text = text.trim().to_ascii_lowercase();
    if let Ok(id) = text.parse::<Uuid>() {
        return Ok(id);
    }
    if text.len() < 4 || !text.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
        return Err(Error::invalid("id", format!("{text:?} is not an id; copy it from a list command")));
    }
    let mut stmt =
        conn.prepare(&format!("SELECT id FROM {} WHERE deleted = 0 AND id LIKE ?1 || '%' LIMIT 2", R::TABLE.name))?;
    let ids: Vec<String> = stmt.query_map([&text], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    match ids.as_slice() {
        [one] => one.parse().map_err(|_| Error::Internal("stored id is not a uuid".into())),
        [] => Err(Error::NotFound { kind: R::NOUN, id: text }),
        _ => Err(Error::invalid("id", format!("{text:?} matches more than one {}; give more of the id", R::NOUN))),
    }
}

/// The shortest prefix of each id, at least 8 characters, that no other of `ids` shares,
/// so a list can show short ids that `resolve_id` (and `roster::find_member`) accept. A
/// UUIDv7 starts with its creation time, so ids made in the same minute share 8 or more
/// characters; those get longer prefixes.
pub fn unique_prefixes(ids: &[Uuid]) -> std::collections::HashMap<Uuid, String> {
    const MIN: usize = 8;
    let mut texts: Vec<(String, Uuid)> = ids.iter().map(|id| (id.to_string(), *id)).collect();
    texts.sort();
    texts.dedup();
    let common = |a: &str, b: &str| a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    let mut out = std::collections::HashMap::with_capacity(texts.len());
    for (i, (text, id)) in texts.iter().enumerate() {
        let before = if i > 0 { common(text, &texts[i - 1].0) } else { 0 };
        let after = texts.get(i + 1).map_or(0, |(next, _)| common(text, next));
        // Hyphens sit at the same places in every id, so the first differing character,
        // and with it the prefix's last one, is never a hyphen.
        let len = (before.max(after) + 1).max(MIN).min(text.len());
        out.insert(*id, text[..len].to_string());
    }
    out
}

/// `unique_prefixes` over every id of a record's table (deleted ones too), for the ids of
/// that table a list shows.
pub fn unique_prefixes_in(conn: &rusqlite::Connection, table: &str) -> Result<std::collections::HashMap<Uuid, String>> {
    let mut stmt = conn.prepare(&format!("SELECT id FROM {table}"))?;
    let ids: Vec<Uuid> =
        stmt.query_map([], |r| r.get::<_, String>(0))?.filter_map(|r| r.ok().and_then(|s| s.parse().ok())).collect();
    Ok(unique_prefixes(&ids))
}

impl Writer<'_> {
    pub fn get<R: Record>(&self, id: Uuid) -> Result<R> {
        get(self.tx(), id)
    }

    pub fn find<R: Record>(&self, id: Uuid) -> Result<Option<R>> {
        find(self.tx(), id)
    }

    /// The fields of a whole record that this store holds: a field not shared with its
    /// role reads as the type's default, which is not a value anyone set, so it is never
    /// written or sent (see `sync::redact::holds`).
    fn held_fields<R: Record>(&self, record: &R) -> Result<Vec<(&'static str, Value)>> {
        let actor = self.actor();
        Ok(to_fields(record)?.into_iter().filter(|(name, _)| actor.holds(R::TABLE, name)).collect())
    }

    fn validate<R: Record>(&self, record: &R) -> Result<()> {
        let actor = self.actor();
        record.validate_held(&|field| actor.holds(R::TABLE, field))
    }

    pub fn create<R: Record>(&mut self, record: &R) -> Result<Uuid> {
        self.validate(record)?;
        let refs = self.held_fields(record)?;
        self.insert(R::TABLE, record.id(), &refs)?;
        Ok(record.id())
    }

    pub fn save<R: Record>(&mut self, record: &R) -> Result<usize> {
        self.validate(record)?;
        let fields = self.held_fields(record)?;
        self.update(R::TABLE, record.id(), &fields)
    }

    pub fn remove<R: Record>(&mut self, id: Uuid) -> Result<()> {
        self.delete(R::TABLE, id).map_err(|e| match e {
            Error::NotFound { id, .. } => Error::NotFound { kind: R::NOUN, id },
            e => e,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_made_together_get_prefixes_long_enough_to_tell_them_apart() {
        let a: Uuid = "0193ab12-3456-7abc-8def-000000000001".parse().unwrap();
        let b: Uuid = "0193ab12-3499-7abc-8def-000000000002".parse().unwrap();
        let c: Uuid = "7f000000-0000-7000-8000-000000000003".parse().unwrap();
        let p = unique_prefixes(&[a, b, c]);
        assert_eq!(p[&a], "0193ab12-345");
        assert_eq!(p[&b], "0193ab12-349");
        assert_eq!(p[&c], "7f000000", "an id that shares nothing keeps eight characters");
        let d: Uuid = "0193ab13-0000-7000-8000-000000000004".parse().unwrap();
        let p = unique_prefixes(&[a, d]);
        assert_eq!((p[&a].as_str(), p[&d].as_str()), ("0193ab12", "0193ab13"));
        let e: Uuid = "0193ab12-0000-7000-8000-000000000005".parse().unwrap();
        let f: Uuid = "0193ab12-1000-7000-8000-000000000006".parse().unwrap();
        let p = unique_prefixes(&[e, f]);
        assert_eq!((p[&e].as_str(), p[&f].as_str()), ("0193ab12-0", "0193ab12-1"));
        for (id, prefix) in unique_prefixes(&[a, b, c, d, e, f]) {
            assert!(id.to_string().starts_with(&prefix));
        }
    }
}
