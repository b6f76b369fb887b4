import { describe, expect, it } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import ConflictsWaiting from "./ConflictsWaiting.svelte";
import { backend } from "../test/fixtures";
import { setLanguage } from "../i18n/index.svelte";
import { session } from "../shell/session.svelte";
import type { ConflictView } from "../ipc";

const conflict = (id: string, review = false): ConflictView => ({
  id, table: review ? "court_date" : "household", record_id: id, record_label: review ? "bond hearing, 2026-12-07 14:30 America/Chicago, Chicago Immigration Court" : "Familia",
  family: "Familia Ramírez", field: review ? "local_start" : "phone", high_stakes: review, review,
  values: review ? [{ value: "2026-12-07 14:30 America/Chicago", at: "2026-12-01T10:00:00Z", member_name: "Bea Acompañante", device_label: "laptop" }] : [],
});

describe("conflicts waiting on Home", () => {
  it("says how many wait and links to the Sync screen", async () => {
    setLanguage("en");
    session.route = { name: "home" };
    backend({ conflicts: () => [conflict("a"), conflict("b")] });
    render(ConflictsWaiting);
    expect(await screen.findByText(/2 sync conflicts are waiting for review/)).toBeTruthy();
    await fireEvent.click(screen.getByRole("button", { name: "Review them" }));
    expect(session.route).toEqual({ name: "sync" });
  });

  it("lists each court date an accompanier changed, with the family and who changed it, in English and Spanish", async () => {
    setLanguage("en");
    backend({ conflicts: () => [conflict("a", true), conflict("b")] });
    const { unmount } = render(ConflictsWaiting);
    const item = await screen.findByTestId("review-item");
    expect(item.textContent).toContain("bond hearing, 2026-12-07 14:30 America/Chicago");
    expect(item.textContent).toContain("Familia Ramírez");
    expect(item.textContent).toContain("changed by Bea Acompañante");
    expect(screen.getByText(/1 sync conflicts are waiting/)).toBeTruthy();
    unmount();
    setLanguage("es");
    render(ConflictsWaiting);
    expect((await screen.findByTestId("reviews-waiting")).textContent).toContain("cambiada por Bea Acompañante");
    setLanguage("en");
  });

  it("says one court date in the singular and several in the plural, in English and Spanish", async () => {
    setLanguage("en");
    backend({ conflicts: () => [conflict("a", true)] });
    const one = render(ConflictsWaiting);
    expect(await screen.findByText("1 court date changed by someone who is not a coordinator: check it.")).toBeTruthy();
    one.unmount();
    setLanguage("es");
    const uno = render(ConflictsWaiting);
    expect(await screen.findByText("1 cita judicial cambiada por alguien que no coordina: revísela.")).toBeTruthy();
    uno.unmount();
    setLanguage("en");
    backend({ conflicts: () => [conflict("a", true), conflict("b", true)] });
    render(ConflictsWaiting);
    expect(await screen.findByText("2 court dates changed by someone who is not a coordinator: check them.")).toBeTruthy();
  });

  it("shows nothing when there is nothing to review", async () => {
    backend({ conflicts: () => [] });
    const { container } = render(ConflictsWaiting);
    await new Promise((r) => setTimeout(r, 20));
    expect(container.querySelector("[data-testid=conflicts-waiting]")).toBeNull();
  });
});
