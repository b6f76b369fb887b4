// The one typed interface between the UI and the Rust backend. Nothing outside this
// folder imports @tauri-apps/*; UI tests mock it with @tauri-apps/api/mocks.
import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import { open as openDialog, save as saveDialog } from "@tauri-apps/plugin-dialog";
import { toIpcError } from "./errors";
import type { AppStatus } from "./bindings/AppStatus";
import type { Prefs } from "./bindings/Prefs";

export { IpcError } from "./errors";
export type { ErrorCode } from "./bindings/ErrorCode";
export type { Language } from "./bindings/Language";
export type { AppStatus, Prefs };

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw toIpcError(e);
  }
}

export const api = {
  appStatus: () => call<AppStatus>("app_status"),
  createStore: (name: string, passphrase: string) => call<AppStatus>("create_store", { name, passphrase }),
  unlock: (passphrase: string) => call<AppStatus>("unlock", { passphrase }),
  openDemo: () => call<AppStatus>("open_demo"),
  useStoreDir: (path: string) => call<AppStatus>("use_store_dir", { path }),
  changePassphrase: (current: string, next: string) => call<void>("change_passphrase", { current, next }),
  savePrefs: (prefs: Prefs) => call<AppStatus>("save_prefs", { prefs }),
  /** Tell the backend the user is active (auto-lock counts from the last call). */
  touch: () => call<void>("touch"),
  lock: () => call<void>("lock"),
};

export type Api = typeof api;

/** The backend locked the store (idle time); the UI must drop what it shows. */
export function onLocked(handler: () => void): Promise<UnlistenFn> {
  return listen("amparo://locked", () => handler());
}

export async function chooseFolder(title: string): Promise<string | null> {
  const picked = await openDialog({ directory: true, multiple: false, title });
  return typeof picked === "string" ? picked : null;
}

export async function chooseSavePath(title: string, defaultPath: string): Promise<string | null> {
  return await saveDialog({ title, defaultPath });
}
