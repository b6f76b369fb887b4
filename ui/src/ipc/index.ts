// The one typed interface between the UI and the Rust backend. Nothing outside this
// folder imports @tauri-apps/*; UI tests mock it with @tauri-apps/api/mocks.
import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import { open as openDialog, save as saveDialog } from "@tauri-apps/plugin-dialog";
import { toIpcError } from "./errors";
import type { AppStatus } from "./bindings/AppStatus";
import type { CommandName } from "./bindings/CommandName";
import type { Prefs } from "./bindings/Prefs";
import type { HomeAgenda } from "./bindings/HomeAgenda";
import type { CourtDateInput } from "./bindings/CourtDateInput";
import type { CourtView } from "./bindings/CourtView";
import type { AccompanierFlag } from "./bindings/AccompanierFlag";
import type { ShiftFlag } from "./bindings/ShiftFlag";
import type { FamilyDetail } from "./bindings/FamilyDetail";
import type { Household } from "./bindings/Household";
import type { DeletedFamily } from "./bindings/DeletedFamily";
import type { HousingSite } from "./bindings/HousingSite";
import type { OutcomeInput } from "./bindings/OutcomeInput";
import type { Person } from "./bindings/Person";
import type { Placement } from "./bindings/Placement";
import type { PlacementView } from "./bindings/PlacementView";
import type { SanctuarySite } from "./bindings/SanctuarySite";
import type { SearchHit } from "./bindings/SearchHit";
import type { ShiftView } from "./bindings/ShiftView";
import type { SiteView } from "./bindings/SiteView";
import type { TaskStatus } from "./bindings/TaskStatus";
import type { Visibility } from "./bindings/Visibility";
import type { Volunteer } from "./bindings/Volunteer";
import type { VolunteerAssignments } from "./bindings/VolunteerAssignments";
import type { Role } from "./bindings/Role";
import type { SyncStatus } from "./bindings/SyncStatus";
import type { DeletedRecord } from "./bindings/DeletedRecord";
import type { HeldChange } from "./bindings/HeldChange";
import type { DamagedRecord } from "./bindings/DamagedRecord";
import type { MemberHoldings } from "./bindings/MemberHoldings";
import type { LastSyncView } from "./bindings/LastSyncView";
import type { WrittenView } from "./bindings/WrittenView";
import type { ImportSummary } from "./bindings/ImportSummary";
import type { CardView } from "./bindings/CardView";
import type { ConflictView } from "./bindings/ConflictView";
import type { FileOutcome } from "./bindings/FileOutcome";
import type { FolderSyncView } from "./bindings/FolderSyncView";
import type { FieldProblem } from "./bindings/FieldProblem";
import type { OutcomeDone } from "./bindings/OutcomeDone";
import type { ReminderFlag } from "./bindings/ReminderFlag";
import type { RunSheetRow } from "./bindings/RunSheetRow";
import type { HousingMatches } from "./bindings/HousingMatches";
import type { SheetKind } from "./bindings/SheetKind";
import type { SheetPreview } from "./bindings/SheetPreview";
import type { SheetOptions } from "./bindings/SheetOptions";
import type { ClockProblem } from "./bindings/ClockProblem";
import type { SheetExpected } from "./bindings/SheetExpected";
import type { DeskRow } from "./bindings/DeskRow";
import type { Disposition } from "./bindings/Disposition";
import type { Dispatch } from "./bindings/Dispatch";
import type { DispatchStep } from "./bindings/DispatchStep";
import type { Incident } from "./bindings/Incident";
import type { IncidentObservation } from "./bindings/IncidentObservation";
import type { IncidentPage } from "./bindings/IncidentPage";
import type { IncidentVerification } from "./bindings/IncidentVerification";
import type { ResponderRole } from "./bindings/ResponderRole";
import type { ResponseZone } from "./bindings/ResponseZone";
import type { SignalText } from "./bindings/SignalText";
import type { VerifiedBy } from "./bindings/VerifiedBy";

export { IpcError } from "./errors";
export type { ErrorCode } from "./bindings/ErrorCode";
export type { Language } from "./bindings/Language";
export type { AppStatus, Prefs, HomeAgenda, CourtDateInput, CourtView, DeletedFamily, FamilyDetail, Household, HousingSite };
export type { OutcomeInput, Person, Placement, PlacementView, SanctuarySite, SearchHit };
export type { Role, ClockProblem };
export type { ShiftView, SiteView, TaskStatus, Visibility, Volunteer, SyncStatus, WrittenView, ImportSummary };
export type { LastSyncView, VolunteerAssignments };
export type { CourtKind } from "./bindings/CourtKind";
export type { HouseholdStatus } from "./bindings/HouseholdStatus";
export type { Training } from "./bindings/Training";
export type { SiteKind } from "./bindings/SiteKind";
export type { Task } from "./bindings/Task";
export type { Note } from "./bindings/Note";
export type { CardView, ConflictView, FileOutcome, FolderSyncView };
export type { MemberView } from "./bindings/MemberView";
export type { FieldProblem } from "./bindings/FieldProblem";
export type { ProblemKind } from "./bindings/ProblemKind";
export type { Refusal } from "./bindings/Refusal";
export type { DefaultZone } from "./bindings/DefaultZone";
export type { OutcomeDone, ReminderFlag, RunSheetRow, HousingMatches, SheetKind, SheetPreview, SheetExpected, SheetOptions };
export type { SiteMatch } from "./bindings/SiteMatch";
export type { TwoClocks } from "./bindings/TwoClocks";
export type { DeskRow, Disposition, Dispatch, DispatchStep, Incident, IncidentObservation, IncidentPage };
export type { IncidentVerification, ResponderRole, ResponseZone, SignalText, VerifiedBy };
export type { IncidentKind } from "./bindings/IncidentKind";
export type { IncidentStatus } from "./bindings/IncidentStatus";
export type { Activity } from "./bindings/Activity";
export type { Warrant } from "./bindings/Warrant";
export type { SentResponder } from "./bindings/SentResponder";
export type { Check } from "./bindings/Check";

/** One of the commands the app registers (generated: a renamed command fails the type check). */
export async function call<T>(cmd: CommandName, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw toIpcError(e);
  }
}

export const api = {
  appStatus: () => call<AppStatus>("app_status"),
  clockProblem: () => call<ClockProblem | null>("clock_problem"),
  createStore: (name: string, passphrase: string) => call<AppStatus>("create_store", { name, passphrase }),
  unlock: (passphrase: string) => call<AppStatus>("unlock", { passphrase }),
  openDemo: () => call<AppStatus>("open_demo"),
  useStoreDir: (path: string) => call<AppStatus>("use_store_dir", { path }),
  changePassphrase: (current: string, next: string) => call<void>("change_passphrase", { current, next }),
  backupStore: (path: string, passphrase: string) => call<number>("backup_store", { path, passphrase }),
  restoreStore: (file: string, dir: string, backupPassphrase: string, storePassphrase: string, replacesLostDevice: boolean) =>
    call<AppStatus>("restore_store", { file, dir, backupPassphrase, storePassphrase, replacesLostDevice }),
  savePrefs: (prefs: Prefs) => call<AppStatus>("save_prefs", { prefs }),
  /** Tell the backend the user is active (auto-lock counts from the last call). */
  touch: () => call<void>("touch"),
  lock: () => call<void>("lock"),

  agenda: () => call<HomeAgenda>("agenda"),
  search: (text: string) => call<SearchHit[]>("search", { text }),

  households: () => call<Household[]>("households"),
  deletedFamilies: () => call<DeletedFamily[]>("deleted_families"),
  undeleteFamily: (id: string) => call<number>("undelete_family", { id }),
  damagedRecords: () => call<DamagedRecord[]>("damaged_records"),
  deleteDamaged: (table: string, id: string) => call<null>("delete_damaged", { table, id }),
  deletedOfFamily: (id: string) => call<DeletedRecord[]>("deleted_of_family", { id }),
  undeleteRecord: (kind: string, id: string) => call<number>("undelete_record", { kind, id }),
  blankHousehold: () => call<Household>("blank_household"),
  saveHousehold: (household: Household) => call<string>("save_household", { household }),
  family: (id: string) => call<FamilyDetail>("family", { id }),
  blankPerson: (householdId: string) => call<Person>("blank_person", { householdId }),
  /** `anyway`: save an A-number already recorded in another family (after that refusal). */
  savePerson: (person: Person, anyway = false) => call<string>("save_person", { person, anyway }),
  deletePerson: (id: string) => call<number>("delete_person", { id }),
  addNote: (householdId: string, body: string, visibility: Visibility) =>
    call<string>("add_note", { householdId, body, visibility }),
  addTask: (householdId: string | null, title: string, dueDate: string | null) =>
    call<string>("add_task", { householdId, title, dueDate }),
  setTaskStatus: (id: string, status: TaskStatus) => call<void>("set_task_status", { id, status }),

  courtDates: () => call<CourtView[]>("court_dates"),
  courtDate: (id: string) => call<CourtView>("court_date", { id }),
  saveCourtDate: (input: CourtDateInput) => call<string>("save_court_date", { input }),
  deleteCourtDate: (id: string) => call<number>("delete_court_date", { id }),
  mayForgetFamilies: () => call<boolean>("may_forget_families"),
  forgetFamily: (id: string) => call<number>("forget_family", { id }),
  setAccompaniers: (courtDateId: string, volunteerIds: string[]) =>
    call<void>("set_accompaniers", { courtDateId, volunteerIds }),
  /** Why chosen volunteers not yet going may not be able to: asked before assigning. */
  accompanierWarnings: (courtDateId: string, volunteerIds: string[]) =>
    call<AccompanierFlag[]>("accompanier_warnings", { courtDateId, volunteerIds }),
  recordOutcome: (input: OutcomeInput) => call<OutcomeDone>("record_outcome", { input }),
  /** Undo an outcome recorded by mistake: the date is scheduled again. */
  clearOutcome: (courtDateId: string) => call<void>("clear_outcome", { courtDateId }),

  volunteers: () => call<Volunteer[]>("volunteers"),
  blankVolunteer: () => call<Volunteer>("blank_volunteer"),
  saveVolunteer: (volunteer: Volunteer) => call<string>("save_volunteer", { volunteer }),
  volunteerAssignments: (id: string) => call<VolunteerAssignments>("volunteer_assignments", { id }),
  deleteVolunteer: (id: string) => call<number>("delete_volunteer", { id }),

  housing: () => call<[SiteView[], PlacementView[]]>("housing"),
  blankHousingSite: () => call<HousingSite>("blank_housing_site"),
  saveHousingSite: (site: HousingSite) => call<string>("save_housing_site", { site }),
  /** `anyway`: place a family with children at a site that takes none (after that refusal). */
  savePlacement: (placement: Placement, anyway = false) => call<string>("save_placement", { placement, anyway }),
  defaultTimeZone: () => call<import("./bindings/DefaultZone").DefaultZone>("default_time_zone"),
  recordCheckIn: (placementId: string, on: string, by: string, how: string) =>
    call<string>("record_check_in", { placementId, on, by, how }),

  sanctuarySites: () => call<SanctuarySite[]>("sanctuary_sites"),
  saveSanctuarySite: (site: SanctuarySite) => call<string>("save_sanctuary_site", { site }),
  rota: (siteId: string, monday: string) => call<ShiftView[]>("rota", { siteId, monday }),
  setShiftVolunteers: (shiftId: string, volunteerIds: string[]) =>
    call<void>("set_shift_volunteers", { shiftId, volunteerIds }),
  /** Why chosen volunteers not yet on the shift may not come: asked before assigning. */
  shiftWarnings: (shiftId: string, volunteerIds: string[]) =>
    call<ShiftFlag[]>("shift_warnings", { shiftId, volunteerIds }),
  saveHandoff: (shiftId: string, notes: string) => call<void>("save_handoff", { shiftId, notes }),

  purgeClosed: (days: number) => call<number>("purge_closed", { days }),

  syncStatus: () => call<SyncStatus>("sync_status"),
  lastSync: () => call<LastSyncView>("last_sync"),
  createTeam: (name: string) => call<SyncStatus>("create_team", { name }),
  addMember: (card: string, role: Role) => call<SyncStatus>("add_member", { card, role }),
  linkMemberVolunteer: (member: string, volunteer: string | null) =>
    call<SyncStatus>("link_member_volunteer", { member, volunteer }),
  heldChanges: () => call<HeldChange[]>("held_changes"),
  discardHeld: (id: string) => call<HeldChange[]>("discard_held", { id }),
  memberReceived: (member: string) => call<MemberHoldings>("member_received", { member }),
  exportBundles: (memberIds: string[], dir: string) => call<WrittenView[]>("export_bundles", { memberIds, dir }),
  importBundle: (path: string) => call<ImportSummary>("import_bundle", { path }),
  importBundles: (paths: string[]) => call<FileOutcome[]>("import_bundles", { paths }),
  syncFolder: (dir: string) => call<FolderSyncView>("sync_folder", { dir }),
  cardPreview: (card: string) => call<CardView>("card_preview", { card }),
  readCardFile: (path: string) => call<string>("read_card_file", { path }),
  saveOwnCard: (path: string) => call<void>("save_own_card", { path }),
  joinTeam: (card: string) => call<SyncStatus>("join_team", { card }),
  revokeMember: (memberId: string) => call<SyncStatus>("revoke_member", { memberId }),
  conflicts: () => call<ConflictView[]>("conflicts"),
  resolveConflict: (id: string, keep: number) => call<ConflictView[]>("resolve_conflict", { id, keep }),
  newStoreDir: (path: string) => call<AppStatus>("new_store_dir", { path }),
  retention: () => call<number | null>("retention"),
  setRetention: (days: number | null) => call<number | null>("set_retention", { days }),
  applyRetention: () => call<number>("apply_retention"),
  checkPerson: (person: Person) => call<FieldProblem[]>("check_person", { person }),
  checkHousehold: (household: Household) => call<FieldProblem[]>("check_household", { household }),

  // workflows: reminders, court day, checklist, housing matches, spreadsheets
  reminders: () => call<ReminderFlag[]>("reminders"),
  runSheet: (day: string) => call<RunSheetRow[]>("run_sheet", { day }),
  detainedChecklist: () => call<string[]>("detained_checklist"),
  saveDetainedChecklist: (items: string[]) => call<string[]>("save_detained_checklist", { items }),
  housingMatches: (householdId: string, firstNight: string, lastNight: string) =>
    call<HousingMatches>("housing_matches", { householdId, firstNight, lastNight }),
  accompanierCandidates: (courtDateId: string) =>
    call<import("./bindings/CandidateView").CandidateView[]>("accompanier_candidates", { courtDateId }),
  shiftCandidates: (shiftId: string) => call<import("./bindings/CandidateView").CandidateView[]>("shift_candidates", { shiftId }),
  csvColumns: (kind: SheetKind) => call<SheetExpected[]>("csv_columns", { kind }),
  csvPreview: (kind: SheetKind, path: string, options: SheetOptions) => call<SheetPreview>("csv_preview", { kind, path, options }),
  csvImport: (kind: SheetKind, path: string, options: SheetOptions) => call<SheetPreview>("csv_import", { kind, path, options }),
  csvExport: (kind: SheetKind, path: string) => call<void>("csv_export", { kind, path }),

  // the hotline desk (src-tauri/src/incidents.rs)
  incidentDesk: (includeClosed = false) => call<DeskRow[]>("incident_desk", { includeClosed }),
  incidentPage: (id: string) => call<IncidentPage>("incident_page", { id }),
  /** A new call received now, taken by this store's volunteer record when it has one. */
  blankIncident: () => call<Incident>("blank_incident"),
  addIncident: (incident: Incident) => call<string>("add_incident", { incident }),
  saveIncident: (incident: Incident) => call<number>("save_incident", { incident }),
  /** "Being handled by": `dispatcher`, or this store's volunteer record when null. */
  takeIncident: (id: string, dispatcher: string | null = null) => call<void>("take_incident", { id, dispatcher }),
  letGoIncident: (id: string) => call<void>("let_go_incident", { id }),
  verifyIncident: (id: string, volunteer: string | null, how: VerifiedBy, confirmed: boolean) =>
    call<IncidentVerification>("verify_incident", { id, volunteer, how, confirmed }),
  dispatchResponder: (id: string, volunteer: string, role: ResponderRole) =>
    call<Dispatch>("dispatch_responder", { id, volunteer, role }),
  markDispatchStep: (dispatchId: string, step: DispatchStep) => call<Dispatch>("mark_dispatch_step", { dispatchId, step }),
  observeIncident: (id: string, text: string, witness: string | null, volunteer: string | null = null) =>
    call<IncidentObservation>("observe_incident", { id, text, witness, volunteer }),
  closeIncident: (id: string, disposition: Disposition) => call<void>("close_incident", { id, disposition }),
  reopenIncident: (id: string) => call<void>("reopen_incident", { id }),
  /** Fold the report `other` into `keep`; how many records moved. */
  mergeIncidents: (keep: string, other: string) => call<number>("merge_incidents", { keep, other }),
  responseZones: () => call<ResponseZone[]>("response_zones"),
  addResponseZone: (name: string, timeZone: string, signalGroup: string | null) =>
    call<string>("add_response_zone", { name, timeZone, signalGroup }),
  signalText: (id: string, lang: "en" | "es") => call<SignalText>("incident_signal_text", { id, lang }),
};

export type Api = typeof api;

/** The backend locked the store (idle time); the UI must drop what it shows. */
export function onLocked(handler: () => void): Promise<UnlistenFn> {
  return listen("amparo://locked", () => handler());
}

/**
 * The end-to-end suite cannot drive the desktop's native file dialogs through WebDriver;
 * it queues the answers here instead (`window.__amparoE2eDialogAnswers`). Nothing in the
 * app sets it, and every picked path is still checked by the Rust command that uses it.
 */
function e2eAnswer(): { answered: boolean; value: string | string[] | null } {
  const queue = (window as unknown as { __amparoE2eDialogAnswers?: (string | string[] | null)[] }).__amparoE2eDialogAnswers;
  if (!Array.isArray(queue)) return { answered: false, value: null };
  return { answered: true, value: queue.shift() ?? null };
}

export async function chooseFolder(title: string): Promise<string | null> {
  const e2e = e2eAnswer();
  const picked = e2e.answered ? e2e.value : await openDialog({ directory: true, multiple: false, title });
  return typeof picked === "string" ? picked : null;
}

export async function chooseFile(title: string): Promise<string | null> {
  const e2e = e2eAnswer();
  const picked = e2e.answered ? e2e.value : await openDialog({ directory: false, multiple: false, title });
  return typeof picked === "string" ? picked : null;
}

/** One or several files; an empty list when the person cancels. */
export async function chooseFiles(title: string): Promise<string[]> {
  const e2e = e2eAnswer();
  const picked = e2e.answered ? e2e.value : await openDialog({ directory: false, multiple: true, title });
  return Array.isArray(picked) ? picked : typeof picked === "string" ? [picked] : [];
}

export async function chooseSavePath(title: string, defaultPath: string): Promise<string | null> {
  const e2e = e2eAnswer();
  if (e2e.answered) return typeof e2e.value === "string" ? e2e.value : null;
  return await saveDialog({ title, defaultPath });
}

export async function chooseBackupFile(title: string): Promise<string | null> {
  const picked = await openDialog({ directory: false, multiple: false, title, filters: [{ name: "Amparo backup", extensions: ["age"] }] });
  return typeof picked === "string" ? picked : null;
}

export async function chooseCsvFile(title: string): Promise<string | null> {
  const picked = await openDialog({ directory: false, multiple: false, title, filters: [{ name: "CSV", extensions: ["csv", "txt"] }] });
  return typeof picked === "string" ? picked : null;
}
