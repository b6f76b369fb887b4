import { describe, expect, it } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import Sync from "./Sync.svelte";
import Conflicts from "./Conflicts.svelte";
import { backend } from "../test/fixtures";
import { setLanguage } from "../i18n/index.svelte";
import type { ConflictView, FileOutcome, SyncStatus } from "../ipc";

const FINGERPRINT = "12345 67890 12345 67890";
const noTeam: SyncStatus = { team_name: null, own_card: "AMPARO MEMBER CARD 1\n", own_fingerprint: "11111 22222 33333 44444", members: [] };
const team: SyncStatus = {
  ...noTeam,
  team_name: "Red Norte",
  members: [{ id: "m1", name: "Coordinator", role: "coordinator", volunteer_id: null, needs_volunteer_link: false, devices: [{ id: "d1", label: "laptop", fingerprint: noTeam.own_fingerprint, revoked: false }] }],
};

function answerDialogs(...answers: (string | string[])[]) {
  (window as unknown as { __amparoE2eDialogAnswers: unknown[] }).__amparoE2eDialogAnswers = answers;
}

describe("sync screen", () => {
  it("joins a team only after the fingerprint on the card is confirmed", async () => {
    setLanguage("en");
    const joined: unknown[] = [];
    backend({
      sync_status: () => noTeam,
      card_preview: () => ({ name: "Coordinator", device_label: "laptop", fingerprint: FINGERPRINT, role: "coordinator", team_name: "Red Norte" }),
      join_team: (args) => { joined.push(args); return team; },
    });
    render(Sync);
    const card = await screen.findByLabelText("Coordinator's card");
    await fireEvent.input(card, { target: { value: "AMPARO MEMBER CARD 1\nmember: x" } });
    await fireEvent.click(screen.getByRole("button", { name: "Check the card" }));
    expect(await screen.findByText(FINGERPRINT)).toBeTruthy();
    expect(screen.getByText("Team: Red Norte")).toBeTruthy();
    const join = screen.getByRole("button", { name: "Join the team" }) as HTMLButtonElement;
    expect(join.disabled).toBe(true);
    await fireEvent.click(screen.getByLabelText("The fingerprint matches what they read to me"));
    expect(join.disabled).toBe(false);
    await fireEvent.click(join);
    expect(await screen.findByText("You joined the team. Give your card to the coordinator so they add you.")).toBeTruthy();
    expect(joined).toEqual([{ card: "AMPARO MEMBER CARD 1\nmember: x" }]);
  });

  it("imports several files and says in Spanish why each refused one was refused", async () => {
    setLanguage("es");
    const outcomes: FileOutcome[] = [
      { file_name: "a.age", summary: { new: 2, updated: 1, unchanged: 0, conflicts: 0, already_seen: 0, future_dated: 0, waiting_for_record: 0, purges_ignored: 0, left_out: 0, left_out_from: [], behind: 0, reused_numbers: 0, reused_by: [], bundle_already_imported: false }, error: null },
      { file_name: "b.age", summary: null, error: { code: "bundle", message: "this bundle was made by a newer Amparo", refusal: "newer_version" } },
      { file_name: "c.age", summary: null, error: { code: "bundle", message: "the bundle's signature does not match", refusal: "tampered" } },
    ];
    const seen: unknown[] = [];
    backend({ sync_status: () => team, import_bundles: (args) => { seen.push(args); return outcomes; }, conflicts: () => [] });
    render(Sync);
    answerDialogs(["/x/a.age", "/x/b.age", "/x/c.age"]);
    await fireEvent.click(await screen.findByRole("button", { name: "Importar archivos de paquete…" }));
    expect(await screen.findByText("Este paquete lo hizo un Amparo más nuevo. Actualice Amparo para importar este archivo.")).toBeTruthy();
    expect(screen.getByText(/Este paquete fue alterado/)).toBeTruthy();
    expect(screen.getByText(/2 nuevos, 1 actualizados/)).toBeTruthy();
    expect(seen).toEqual([{ paths: ["/x/a.age", "/x/b.age", "/x/c.age"] }]);
    expect(screen.queryByTestId("purges-ignored")).toBeNull();
    delete (window as unknown as { __amparoE2eDialogAnswers?: unknown }).__amparoE2eDialogAnswers;
    setLanguage("en");
  });

  it("says when a file asked to forget records and was not a coordinator's, and who can do it", async () => {
    const outcome: FileOutcome = {
      file_name: "a.age",
      summary: { new: 0, updated: 0, unchanged: 0, conflicts: 0, already_seen: 0, future_dated: 0, waiting_for_record: 0, purges_ignored: 3, left_out: 0, left_out_from: [], behind: 0, reused_numbers: 0, reused_by: [], bundle_already_imported: false },
      error: null,
    };
    for (const [lang, text] of [
      ["en", "3 records were not forgotten: the request to forget them was not made by a coordinator. If the family should be forgotten, ask a coordinator to do it."],
      ["es", "3 registros no se olvidaron: no fue una persona coordinadora quien pidió olvidarlos. Si hay que olvidar a esa familia, pídaselo a una persona coordinadora."],
    ] as const) {
      setLanguage(lang);
      backend({ sync_status: () => team, import_bundles: () => [outcome], conflicts: () => [] });
      const { unmount } = render(Sync);
      answerDialogs(["/x/a.age"]);
      await fireEvent.click(await screen.findByRole("button", { name: lang === "en" ? "Import bundle files…" : "Importar archivos de paquete…" }));
      expect((await screen.findByTestId("purges-ignored")).textContent).toBe(text);
      unmount();
    }
    delete (window as unknown as { __amparoE2eDialogAnswers?: unknown }).__amparoE2eDialogAnswers;
    setLanguage("en");
  });
});

describe("roster", () => {
  it("revokes another member only after a second click", async () => {
    setLanguage("en");
    const withBerta: SyncStatus = {
      ...team,
      members: [...team.members, { id: "m2", name: "Berta", role: "accompanier", volunteer_id: null, needs_volunteer_link: false, devices: [{ id: "d2", label: "phone", fingerprint: FINGERPRINT, revoked: false }] }],
    };
    const revoked: unknown[] = [];
    backend({
      sync_status: () => withBerta,
      conflicts: () => [],
      revoke_member: (args) => {
        revoked.push(args);
        return { ...withBerta, members: [team.members[0], { ...withBerta.members[1], devices: [{ ...withBerta.members[1].devices[0], revoked: true }] }] };
      },
    });
    render(Sync);
    await fireEvent.click(await screen.findByRole("button", { name: "Revoke" }));
    expect(revoked).toEqual([]);
    expect(screen.getByText(/Revoke Berta\?/)).toBeTruthy();
    await fireEvent.click(screen.getByRole("button", { name: "Yes, revoke" }));
    expect(await screen.findByText("revoked")).toBeTruthy();
    expect(revoked).toEqual([{ memberId: "m2" }]);
    expect(screen.queryByRole("button", { name: "Revoke" })).toBeNull();
  });
});

describe("folder sync", () => {
  it("imports what the shared folder holds and lists the bundles it wrote", async () => {
    setLanguage("en");
    const dirs: unknown[] = [];
    backend({
      sync_status: () => team,
      conflicts: () => [],
      sync_folder: (args) => {
        dirs.push(args);
        return {
          imported: [{ file_name: "amparo-1.age", summary: null, error: { code: "bundle", message: "revoked", refusal: "revoked" } }],
          written: [{ member_name: "Berta", file_name: "amparo-2.age", changes: 7 }],
        };
      },
    });
    render(Sync);
    answerDialogs("/shared/amparo");
    await fireEvent.click(await screen.findByRole("button", { name: "Sync with a shared folder…" }));
    expect(await screen.findByText("This bundle was signed by a device that has been revoked. It was not imported.")).toBeTruthy();
    expect(screen.getByText(/Berta: 7 changes/)).toBeTruthy();
    expect(dirs).toEqual([{ dir: "/shared/amparo" }]);
    delete (window as unknown as { __amparoE2eDialogAnswers?: unknown }).__amparoE2eDialogAnswers;
  });
});

describe("conflict review", () => {
  it("shows both values side by side with who and when, and keeps the chosen one", async () => {
    setLanguage("en");
    const conflict: ConflictView = {
      id: "abc123", table: "court_date", record_id: "r1", record_label: "master calendar, 2026-12-01 09:30", field: "place", high_stakes: true, review: false, family: null,
      values: [
        { value: "Dallas Immigration Court", at: "2026-11-20T15:00:00+00:00", member_name: "Ana", device_label: "laptop" },
        { value: "Houston Immigration Court", at: "2026-11-20T16:30:00+00:00", member_name: null, device_label: "phone" },
      ],
    };
    const kept: unknown[] = [];
    backend({ conflicts: () => [conflict], resolve_conflict: (args) => { kept.push(args); return []; } });
    render(Conflicts);
    expect(await screen.findByText("Dallas Immigration Court")).toBeTruthy();
    expect(screen.getByText("Houston Immigration Court")).toBeTruthy();
    expect(screen.getByText("High stakes")).toBeTruthy();
    expect(screen.getByText(/by Ana/)).toBeTruthy();
    expect(screen.getByText(/by phone/)).toBeTruthy();
    const keep = screen.getAllByRole("button", { name: "Keep this value" });
    await fireEvent.click(keep[1]);
    expect(await screen.findByText("Decision saved.")).toBeTruthy();
    expect(screen.getByText("No conflicts to review.")).toBeTruthy();
    expect(kept).toEqual([{ id: "abc123", keep: 2 }]);
  });

  it("shows a deletion against an unseen edit as such: confirm the deletion or restore the record", async () => {
    setLanguage("es");
    const conflict: ConflictView = {
      id: "def456", table: "court_date", record_id: "r2", record_label: "master calendar, 2026-12-03 13:00", field: "_deleted", high_stakes: true, review: false, family: null,
      values: [
        { value: "true", at: "2026-11-20T15:00:00+00:00", member_name: "Ana", device_label: "laptop" },
        { value: '{"local_start":"2026-12-03T14:00:00"}', at: "2026-11-20T16:30:00+00:00", member_name: "Berta", device_label: "phone" },
      ],
    };
    const kept: unknown[] = [];
    backend({ conflicts: () => [conflict], resolve_conflict: (args) => { kept.push(args); return []; } });
    render(Conflicts);
    expect(await screen.findByText(/Se borró en un dispositivo mientras se cambiaba en otro/)).toBeTruthy();
    expect(screen.getByText("Borrado")).toBeTruthy();
    expect(screen.getByText("local_start: 2026-12-03T14:00:00")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Quedarse con este valor" })).toBeNull();
    await fireEvent.click(screen.getByRole("button", { name: "Recuperar el registro" }));
    expect(kept).toEqual([{ id: "def456", keep: 2 }]);
    setLanguage("en");
  });

  it("shows a restore against a deletion it did not see, each with its own choice", async () => {
    setLanguage("en");
    const conflict: ConflictView = {
      id: "aa11", table: "court_date", record_id: "r3", record_label: null, field: "_deleted", high_stakes: true, review: false, family: null,
      values: [
        { value: "false", at: "2026-11-21T10:00:00+00:00", member_name: "Ana", device_label: "laptop" },
        { value: "true", at: "2026-11-21T09:00:00+00:00", member_name: "Berta", device_label: "phone" },
      ],
    };
    const kept: unknown[] = [];
    backend({ conflicts: () => [conflict], resolve_conflict: (args) => { kept.push(args); return []; } });
    render(Conflicts);
    expect(await screen.findByText("Kept (restored)")).toBeTruthy();
    expect(screen.getByText("Deleted")).toBeTruthy();
    await fireEvent.click(screen.getByRole("button", { name: "Confirm the deletion" }));
    expect(kept).toEqual([{ id: "aa11", keep: 2 }]);
  });
});
