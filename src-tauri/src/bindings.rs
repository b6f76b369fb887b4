//! The TypeScript bindings in ui/src/ipc/bindings/ are generated from the Rust types that
//! cross to the web view. This test regenerates them into a temporary directory and fails
//! when the committed files differ. `UPDATE_BINDINGS=1 cargo test -p amparo-app bindings`
//! rewrites them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ts_rs::{Config, TS};

use crate::error::ApiError;
use crate::lifecycle::AppStatus;
use crate::records_edit::FieldProblem;
use crate::sanctuary::*;
use crate::sync::{
    CardView, ConflictView, FileOutcome, FolderSyncView, ImportSummary, MemberHoldings, SyncStatus, WrittenView,
};
use crate::views::*;
use crate::workflows::{
    CandidateView, HousingMatches, ReminderFlag, RunSheetRow, SheetExpected, SheetKind, SheetOptions, SheetPreview,
};

fn committed_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/ipc/bindings")
}

fn export_all(dir: &Path) {
    let cfg = Config::new().with_out_dir(dir).with_large_int("number");
    macro_rules! export {
        ($($t:ty),+ $(,)?) => { $( <$t>::export_all(&cfg).expect(concat!("export ", stringify!($t))); )+ };
    }
    export!(
        ApiError,
        AppStatus,
        Household,
        Person,
        Volunteer,
        CourtDate,
        HousingSite,
        Placement,
        SanctuarySite,
        Shift,
        Task,
        Note,
        CourtView,
        ShiftView,
        SiteView,
        PlacementView,
        Agenda,
        FamilyDetail,
        SearchHit,
        CourtDateInput,
        OutcomeInput,
        PersonRef,
        HistoryEntry,
        SyncStatus,
        WrittenView,
        ImportSummary,
        CardView,
        FileOutcome,
        FolderSyncView,
        ConflictView,
        MemberHoldings,
        amparo_core::schedule::ShiftFlag,
        FieldProblem,
        amparo_core::sync::activity::LastSync,
        amparo_core::clock::ClockProblem,
        amparo_core::sync::held::Held,
        amparo_core::sync::validate::Damaged,
    );
    export!(RotationTemplateInput, GeneratedView, AutofillPlan, RotaIssueLine, DoorRota, SwapView, SwapOutcomeView);
    // workflows
    export!(
        ReminderFlag,
        RunSheetRow,
        HousingMatches,
        SheetKind,
        SheetPreview,
        SheetOptions,
        SheetExpected,
        CandidateView,
        OutcomeDone
    );
    // deletions: what a volunteer's deletion takes them off
    export!(
        amparo_core::query::VolunteerAssignments,
        amparo_core::rules::DeletedFamily,
        amparo_core::rules::DeletedRecord
    );
    // the zone a new court date or sanctuary site starts in
    export!(amparo_core::ops::zone::DefaultZone);
}

fn read_tree(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.ends_with(".ts") {
                out.insert(name, std::fs::read_to_string(e.path()).unwrap_or_default());
            }
        }
    }
    out
}

#[test]
fn committed_typescript_bindings_are_up_to_date() {
    let tmp = tempfile::tempdir().unwrap();
    export_all(tmp.path());
    let fresh = read_tree(tmp.path());
    assert!(fresh.len() > 20, "expected the bindings to be generated, got {}", fresh.len());
    let committed_dir = committed_dir();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        let _ = std::fs::remove_dir_all(&committed_dir);
        std::fs::create_dir_all(&committed_dir).unwrap();
        for (name, body) in &fresh {
            std::fs::write(committed_dir.join(name), body).unwrap();
        }
    }
    let committed = read_tree(&committed_dir);
    let stale: Vec<&String> = fresh.keys().filter(|k| committed.get(*k) != fresh.get(*k)).collect();
    let extra: Vec<&String> = committed.keys().filter(|k| !fresh.contains_key(*k)).collect();
    assert!(
        stale.is_empty() && extra.is_empty(),
        "TypeScript bindings are stale (changed or missing: {stale:?}; no longer generated: {extra:?}); \
         run `UPDATE_BINDINGS=1 cargo test -p amparo-app bindings` and commit ui/src/ipc/bindings"
    );
}
