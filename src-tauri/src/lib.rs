//! The Amparo desktop shell: thin command adapters over the `amparo` core.
//!
//! Nothing here holds a rule of the domain. The state is the unlocked store (or nothing
//! when locked), the app's preferences and the time of the last activity.

mod candidates;
mod commands;
mod core_errors;
mod court_day;
mod error;
mod housing_matches;
mod incidents;
mod lifecycle;
mod memory;
mod prefs;
mod records_edit;
mod reminders;
mod sanctuary;
mod sheets;
mod state;
mod store_settings;
mod sync;
mod views;

use std::time::{Duration, Instant};

use tauri::{Emitter, Manager};

pub use error::{ApiError, ErrorCode};
use prefs::Paths;
use state::AppState;

/// How often the auto-lock timer looks at the idle time.
const IDLE_CHECK: Duration = Duration::from_secs(5);

/// Every command the web view may call, listed once: `commands!(handler)` registers them
/// with Tauri, and `commands!(names)` gives their names, which `bindings.rs` writes out as
/// the `CommandName` type the UI's `call` takes (a renamed command fails the type check).
macro_rules! commands {
    ($then:ident) => {
        $then![
            lifecycle::app_status,
            lifecycle::clock_problem,
            lifecycle::create_store,
            lifecycle::unlock,
            lifecycle::open_demo,
            lifecycle::use_store_dir,
            lifecycle::change_passphrase,
            lifecycle::backup_store,
            lifecycle::restore_store,
            lifecycle::lock,
            lifecycle::touch,
            lifecycle::save_prefs,
            commands::agenda,
            commands::search,
            commands::households,
            commands::deleted_families,
            commands::undelete_family,
            commands::deleted_of_family,
            commands::undelete_record,
            commands::damaged_records,
            commands::delete_damaged,
            commands::blank_household,
            commands::save_household,
            commands::family,
            commands::blank_person,
            commands::save_person,
            commands::delete_person,
            commands::add_note,
            commands::add_task,
            commands::set_task_status,
            commands::court_dates,
            commands::court_date,
            commands::save_court_date,
            commands::delete_court_date,
            commands::set_accompaniers,
            commands::accompanier_warnings,
            commands::record_outcome,
            commands::clear_outcome,
            commands::volunteers,
            commands::blank_volunteer,
            commands::save_volunteer,
            commands::volunteer_assignments,
            commands::delete_volunteer,
            commands::housing,
            commands::blank_housing_site,
            commands::save_housing_site,
            commands::save_placement,
            commands::record_check_in,
            commands::default_time_zone,
            commands::sanctuary_sites,
            commands::save_sanctuary_site,
            commands::rota,
            commands::set_shift_volunteers,
            commands::shift_warnings,
            commands::save_handoff,
            commands::purge_closed,
            commands::may_forget_families,
            commands::forget_family,
            // sanctuary rotations (issue 5): templates, auto-fill, issues, swaps, printing
            sanctuary::rotation_templates,
            sanctuary::save_rotation_template,
            sanctuary::generate_from_template,
            sanctuary::plan_autofill,
            sanctuary::apply_autofill,
            sanctuary::rota_issues,
            sanctuary::swaps,
            sanctuary::offer_swap,
            sanctuary::take_swap,
            sanctuary::approve_swap,
            sanctuary::decline_swap,
            sanctuary::withdraw_swap,
            sanctuary::delete_rotation_template,
            sanctuary::door_rota,
            sanctuary::export_volunteer_ics,
            // Sync: roster, cards, export/import, folder sync, conflict review.
            sync::sync_status,
            sync::last_sync,
            sync::create_team,
            sync::add_member,
            sync::link_member_volunteer,
            sync::member_received,
            sync::held_changes,
            sync::discard_held,
            sync::card_preview,
            sync::read_card_file,
            sync::save_own_card,
            sync::join_team,
            sync::revoke_member,
            sync::export_bundles,
            sync::import_bundle,
            sync::import_bundles,
            sync::sync_folder,
            sync::conflicts,
            sync::resolve_conflict,
            lifecycle::new_store_dir,
            store_settings::retention,
            store_settings::set_retention,
            store_settings::apply_retention,
            records_edit::check_person,
            records_edit::check_household,
            // reminders, the court day and its checklist, housing matches, pickers, spreadsheets
            reminders::reminders,
            court_day::run_sheet,
            court_day::detained_checklist,
            court_day::save_detained_checklist,
            housing_matches::housing_matches,
            sheets::csv_columns,
            candidates::accompanier_candidates,
            candidates::shift_candidates,
            sheets::csv_preview,
            sheets::csv_import,
            sheets::csv_export,
            // the hotline desk (issue 16): incidents, verification, dispatch, zones, Signal text
            incidents::incident_desk,
            incidents::incident_page,
            incidents::blank_incident,
            incidents::add_incident,
            incidents::save_incident,
            incidents::take_incident,
            incidents::let_go_incident,
            incidents::verify_incident,
            incidents::dispatch_responder,
            incidents::mark_dispatch_step,
            incidents::observe_incident,
            incidents::close_incident,
            incidents::reopen_incident,
            incidents::merge_incidents,
            incidents::response_zones,
            incidents::add_response_zone,
            incidents::incident_signal_text,
        ]
    };
}

macro_rules! handler {
    ($($(#[$doc:meta])* $module:ident :: $command:ident),* $(,)?) => {
        tauri::generate_handler![$($module::$command),*]
    };
}

#[cfg(test)]
macro_rules! names {
    ($($(#[$doc:meta])* $module:ident :: $command:ident),* $(,)?) => {
        &[$(stringify!($command)),*]
    };
}

/// The names of every command, for the TypeScript bindings.
#[cfg(test)]
pub(crate) const COMMAND_NAMES: &[&str] = commands!(names);

pub fn run() {
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        .manage(AppState::new(Paths::from_env()))
        .manage(reminders::NotifierState::default())
        .setup(|app| {
            open_main_window(app)?;
            let notifier = app.handle().clone();
            std::thread::spawn(move || reminders::watch(notifier));
            let handle = app.handle().clone();
            std::thread::spawn(move || loop {
                std::thread::sleep(IDLE_CHECK);
                let state = handle.state::<AppState>();
                if state.lock_if_idle(Instant::now()) {
                    let _ = handle.emit("amparo://locked", ());
                } else {
                    state.give_back_after_use();
                }
            });
            Ok(())
        })
        .invoke_handler(commands!(handler))
        .run(tauri::generate_context!())
        .expect("error while running the Amparo app");
}

/// The main window, from tauri.conf.json. It is incognito (WebKit keeps no cookies,
/// storage or caches on disk) except under WebDriver automation: WebKitGTK cannot
/// automate an ephemeral context, so the E2E suite runs with a persistent one and then
/// checks that nothing the user typed reached the disk anyway.
fn open_main_window(app: &mut tauri::App) -> tauri::Result<()> {
    let config = app.config().app.windows.iter().find(|w| w.label == "main").cloned().expect("main window config");
    let automated = std::env::var("TAURI_WEBVIEW_AUTOMATION").as_deref() == Ok("true");
    tauri::WebviewWindowBuilder::from_config(app.handle(), &config)?.incognito(!automated).build()?;
    Ok(())
}

#[cfg(test)]
mod bindings;
#[cfg(test)]
mod security_config;
