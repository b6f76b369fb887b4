// App-wide state of the UI: what the backend said about the store, and where we are.
// Locking clears everything that shows data (screens re-read from the backend).
import type { AppStatus } from "../ipc";

export type Route =
  | { name: "home" }
  | { name: "families"; notice?: string; add?: boolean }
  /** `notice`: what the screen that sent us here did, shown once (e.g. a deletion). */
  | { name: "family"; id: string; notice?: string }
  | { name: "court" }
  | { name: "courtDate"; id: string | null; householdId?: string }
  | { name: "housing" }
  | { name: "sanctuary" }
  | { name: "team" }
  | { name: "sync" }
  | { name: "settings" }
  /** The spreadsheet import on a page of its own, where Home sends a new store. */
  | { name: "spreadsheets" }
  /** The hotline desk, and one incident's page. */
  | { name: "incidents" }
  | { name: "incident"; id: string; notice?: string };

export const session = $state<{
  status: AppStatus | null;
  route: Route;
  /** Bumped on every lock so screens drop what they hold. */
  epoch: number;
  lockedByIdle: boolean;
  searchOpen: boolean;
  /** The new-call form (Ctrl+I from anywhere). */
  newCallOpen: boolean;
}>({ status: null, route: { name: "home" }, epoch: 0, lockedByIdle: false, searchOpen: false, newCallOpen: false });

export function go(route: Route): void {
  session.route = route;
  session.searchOpen = false;
  session.newCallOpen = false;
}

export function setStatus(status: AppStatus): void {
  session.status = status;
}

/** Forget everything shown; called whenever the store locks. */
export function clearOnLock(byIdle: boolean): void {
  if (session.status) session.status = { ...session.status, unlocked: false };
  session.route = { name: "home" };
  session.searchOpen = false;
  session.newCallOpen = false;
  session.lockedByIdle = byIdle;
  session.epoch++;
}
