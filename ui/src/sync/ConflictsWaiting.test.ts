import { describe, expect, it } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import ConflictsWaiting from "./ConflictsWaiting.svelte";
import { backend } from "../test/fixtures";
import { setLanguage } from "../i18n/index.svelte";
import { session } from "../shell/session.svelte";
import type { ConflictView } from "../ipc";

const conflict = (id: string): ConflictView => ({
  id, table: "household", record_id: id, record_label: "Familia", field: "phone", high_stakes: false, values: [],
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

  it("shows nothing when there is nothing to review", async () => {
    backend({ conflicts: () => [] });
    const { container } = render(ConflictsWaiting);
    await new Promise((r) => setTimeout(r, 20));
    expect(container.querySelector("[data-testid=conflicts-waiting]")).toBeNull();
  });
});
