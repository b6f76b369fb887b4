//! The Amparo desktop shell: thin command adapters over the `amparo` core.
mod error;
mod prefs;

pub fn run() {
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        .run(tauri::generate_context!())
        .expect("error while running the Amparo app");
}
