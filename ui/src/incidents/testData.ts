// Records of the desk for the UI tests (typed against the bindings).
import type { DeskRow, Incident, IncidentPage } from "../ipc";

export function incident(over: Partial<Incident> = {}): Incident {
  return {
    id: "i1", received_at: "2026-12-06T15:00:00Z", received_by_id: null, caller_phone: null, caller_language: null,
    caller_affected: null, caller_safe: null, caller_cleared_at: null, kind: "other", zone_id: null, agents: null,
    vehicles: null, more_unseen: false, activity: null, location: "", landmark: null, direction: null, uniforms: [],
    marked: null, observed_at: null, equipment: null, agencies: [], identified_by: null, plates: null,
    badge_numbers: null, warrant: null, warrant_details: null, entry_consented: null, status: "new",
    disposition: "unverified", handled_by_id: null, summary: null, household_id: null, person_id: null,
    dependents: null, standby_guardian: null, referral_attorney: null, referral_date: null, canvass_done: null,
    rights_material_left: null, ...over,
  };
}

export function deskRow(over: Partial<Incident> = {}, row: Partial<Omit<DeskRow, "incident">> = {}): DeskRow {
  return { incident: incident(over), zone: null, handled_by: null, responders: 0, same_event: [], ...row };
}

export function incidentPage(over: Partial<Incident> = {}, more: Partial<Omit<IncidentPage, "row">> = {}): IncidentPage {
  return { row: deskRow(over), zone: null, received_by: null, verifications: [], timeline: [], responders: [], unpaired: false, ...more };
}
