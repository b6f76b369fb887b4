//! What an import did: counted by `import`, kept by `activity`.

/// What an import did, in the words of the summary a person reads.
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "ImportSummary"))]
pub struct Summary {
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub conflicts: usize,
    pub already_seen: usize,
    /// Changes dated too far ahead of this computer's clock: held, not applied (`held`).
    pub future_dated: usize,
    /// Edits of records this store has not received yet, which their author's role may make
    /// only on some records: held until the record comes, then applied or left out.
    pub waiting_for_record: usize,
    /// Origin devices of which the sender holds changes that this store still lacks after
    /// the import (a file missing or lost on the way; or bundles that keep saying nothing).
    pub behind: usize,
    /// Purges ("forget this family") made by someone who is not a coordinator: left out.
    pub purges_ignored: usize,
    /// Changes outside what their author's role may change (`access::authority`): left out,
    /// neither applied, logged nor relayed.
    pub left_out: usize,
    /// Who made the changes left out (members' names as the roster has them).
    pub left_out_from: Vec<String>,
    /// Changes numbered like a different change already held from the same device: two
    /// laptops are signing as one (a copied store). Never applied.
    pub reused_numbers: usize,
    /// Whose device that is (members' names).
    pub reused_by: Vec<String>,
    /// The whole bundle had been imported before; nothing was done.
    pub bundle_already_imported: bool,
}
