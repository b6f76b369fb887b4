// Shared fixtures for UI tests: a mocked backend built from typed bindings.
import { mockIPC } from "@tauri-apps/api/mocks";
import type { AppStatus, CourtView, HomeAgenda } from "../ipc";
import type { AgendaCourtDate } from "../ipc/bindings/AgendaCourtDate";

export function status(over: Partial<AppStatus> = {}): AppStatus {
  return {
    store_dir: "/tmp/store",
    store_exists: true,
    unlocked: false,
    demo: false,
    prefs: { language: "en", auto_lock_minutes: 5, store_dir: null },
    version: "0.1.0",
    ...over,
  };
}

export function courtView(over: { name?: string; assigned?: number; min?: number; notShared?: string[] } = {}): CourtView {
  const assigned = over.assigned ?? 0;
  const min = over.min ?? 2;
  return {
    court: {
      id: "c1", household_id: "h1", person_id: null, kind: "master_calendar",
      local_start: "2026-12-01T09:30:00", time_zone: "America/Chicago", starts_utc: "2026-12-01T15:30:00Z",
      time_tbc: false, confirmed: true, place: "Chicago Immigration Court", address: null, room: null, judge: null,
      attorney_attending: null, interpreter: null, transport_needed: false, min_accompaniers: min,
      max_accompaniers: null, leader_id: null, accompanier_notes: null, internal_notes: null, status: "scheduled",
      outcome: null, detained: null, next_court_date_id: null, previous_court_date_id: null,
    },
    household_name: over.name ?? "Familia Prueba",
    accompaniers: Array.from({ length: assigned }, (_, i) => ({ id: `v${i}`, name: `Vol ${i}` })),
    understaffed: assigned < min,
    not_shared: over.notShared ?? [],
    outcome_open: true,
    may_report_outcome: true,
  };
}

export function agendaItem(over: { id?: string; name?: string; assigned?: number; min?: number } = {}): AgendaCourtDate {
  const v = courtView(over);
  return {
    id: over.id ?? "c1", household_id: "h1", household: v.household_name, kind: "master_calendar",
    local_time: "2026-12-01 09:30", time_zone: "America/Chicago", starts_utc: "2026-12-01T15:30:00Z",
    time_tbc: false, confirmed: true, place: "Chicago Immigration Court", room: null,
    accompaniers: v.accompaniers, assigned: v.accompaniers.length, min_wanted: v.court.min_accompaniers,
    max_wanted: null, understaffed: v.understaffed, accompanier_flags: [],
  };
}

/** `courtNotShared`: what the store does not hold of its court dates (`court_not_shared`). */
export function agenda(court_dates: AgendaCourtDate[], courtNotShared: string[] = []): HomeAgenda {
  return {
    from: "2026-11-28T12:00:00Z", to: "2026-12-12T12:00:00Z", days: 14, court_dates,
    shifts_understaffed: [], placements_ending: [], tasks: [], rota_issues: [], court_not_shared: courtNotShared,
  };
}

export type Handler = (args: Record<string, unknown>) => unknown;

/** Mock the backend with one handler per command; unknown commands fail the test loudly. */
export function backend(handlers: Record<string, Handler>): string[] {
  const calls: string[] = [];
  mockIPC((cmd, args) => {
    calls.push(cmd);
    const h = handlers[cmd];
    if (!h) throw new Error(`unexpected command ${cmd}`);
    return h((args ?? {}) as Record<string, unknown>);
  });
  return calls;
}

export function rejectWith(code: string, message = "") {
  return () => Promise.reject({ code, message });
}
