import { describe, expect, it } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import { setLanguage } from "../i18n/index.svelte";
import { backend } from "../test/fixtures";
import Families from "./Families.svelte";

describe("deleted families", () => {
  it("are listed apart and one is brought back with what was deleted with it", async () => {
    setLanguage("en");
    const undeleted: unknown[] = [];
    let gone = true;
    backend({
      households: () => [],
      deleted_families: () => (gone ? [{ id: "h9", name: "Familia Ramírez Peña", deleted_at: "2026-12-01T15:00:00Z" }] : []),
      undelete_family: (a) => { undeleted.push(a.id); gone = false; return 5; },
    });
    render(Families);
    const item = await screen.findByTestId("deleted-family");
    expect(item.textContent).toContain("Familia Ramírez Peña");
    await fireEvent.click(screen.getByRole("button", { name: "Bring back" }));
    expect(undeleted).toEqual(["h9"]);
    expect((await screen.findByTestId("family-brought-back")).textContent).toBe("Familia Ramírez Peña is back, with 4 records deleted with it.");
  });

  it("are not offered when there are none, or to a role that may not bring them back", async () => {
    setLanguage("es");
    backend({ households: () => [], deleted_families: () => Promise.reject({ code: "refused", message: "" }) });
    const { container } = render(Families);
    await new Promise((r) => setTimeout(r, 20));
    expect(container.querySelector("[data-testid=deleted-families]")).toBeNull();
    setLanguage("en");
  });
});

describe("sent here from Home's first step", () => {
  it("opens with the new family form showing", async () => {
    setLanguage("en");
    backend({ households: () => [], deleted_families: () => [] });
    render(Families, { openForm: true });
    expect(await screen.findByRole("heading", { name: "New family" })).toBeTruthy();
  });
});
