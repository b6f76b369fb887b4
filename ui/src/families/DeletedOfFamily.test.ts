import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import DeletedOfFamily from "./DeletedOfFamily.svelte";
import { backend } from "../test/fixtures";
import { setLanguage } from "../i18n/index.svelte";

describe("a family's records deleted by mistake", () => {
  it("lists them by kind and brings one back, saying what came with it", async () => {
    setLanguage("en");
    let list = [
      { kind: "person", id: "p1", label: "Inés Quiñónez", deleted_at: "2026-12-02T15:00:00Z" },
      { kind: "court_date", id: "c1", label: "Chicago Immigration Court · 2026-12-07 09:00 America/Chicago", deleted_at: null },
    ];
    const asked: unknown[] = [];
    let reloaded = 0;
    backend({
      deleted_of_family: () => list,
      undelete_record: (a) => { asked.push([a.kind, a.id]); list = list.filter((r) => r.id !== a.id); return 2; },
    });
    render(DeletedOfFamily, { household: "h1", onback: () => reloaded++ });
    const items = await screen.findAllByTestId("deleted-record");
    expect(items.map((i) => i.textContent?.split(" (")[0].replace("Bring back", "").trim())).toEqual([
      "Person: Inés Quiñónez",
      "Court date: Chicago Immigration Court · 2026-12-07 09:00 America/Chicago",
    ]);
    await fireEvent.click(items[0].querySelector("button")!);
    expect((await screen.findByTestId("record-brought-back")).textContent).toBe("Inés Quiñónez is back, with 1 record deleted with it.");
    expect(asked).toEqual([["person", "p1"]]);
    await waitFor(() => expect(screen.getAllByTestId("deleted-record")).toHaveLength(1));
    expect(reloaded).toBe(1);
  });

  it("shows nothing when nothing was deleted, or to a role the core offers nothing", async () => {
    setLanguage("es");
    backend({ deleted_of_family: () => [] });
    render(DeletedOfFamily, { household: "h1", onback: () => {} });
    await new Promise((r) => setTimeout(r, 10));
    expect(screen.queryByTestId("deleted-of-family")).toBeNull();
    setLanguage("en");
  });
});
