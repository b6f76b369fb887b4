//! Every integration test of the core and the `amparo` command, as one binary (one link
//! of SQLCipher instead of one per file). Each module is one area, tested as its users
//! meet it; `support` holds what they share.

mod support;

mod cli_bond;
mod cli_coordinator_day;
mod cli_errors;
mod cli_incident;
mod cli_no_plaintext;
mod cli_sanctuary_sheets;
mod cli_settings;
mod court;
mod csv_import;
mod housing;
mod oncall;
mod sanctuary_schedule;
mod store_records;
mod store_replay;
mod store_scale;
mod store_write;
mod sync_activity;
mod sync_cli;
mod sync_convergence;
mod sync_crash;
mod sync_delete_conflict;
mod sync_folder;
mod sync_golden;
mod sync_rapid_response;
mod sync_redacted_reads;
mod sync_redaction;
mod sync_refusals;
mod sync_rota_changes;
mod sync_roundtrip;
