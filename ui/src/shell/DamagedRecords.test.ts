import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import DamagedRecords from "./DamagedRecords.svelte";
import { backend } from "../test/fixtures";
import { setLanguage } from "../i18n/index.svelte";

const bad = { table: "court_date", noun: "court date", id: "01a2b3c4-0000-7000-8000-000000000001", field: "time_zone" };
const badFamily = { table: "household", noun: "family", id: "01a2b3c4-0000-7000-8000-000000000002", field: null };

describe("records that cannot be read", () => {
  it("are named where they would be listed, and deleted only after saying what is lost", async () => {
    setLanguage("en");
    let list = [bad, badFamily];
    const deleted: unknown[] = [];
    backend({ damaged_records: () => list, delete_damaged: (a) => { deleted.push([a.table, a.id]); list = list.filter((r) => r.id !== a.id); return null; } });
    render(DamagedRecords, { tables: ["court_date"] });
    const item = await screen.findByTestId("damaged-record");
    expect(item.textContent).toContain("Court date 01a2b3c4… could not be read (its time_zone is not valid): delete it and enter it again.");
    expect(screen.getAllByTestId("damaged-record")).toHaveLength(1);
    await fireEvent.click(screen.getByRole("button", { name: "Delete it" }));
    expect(deleted).toEqual([]);
    expect(item.textContent).toContain("so it is lost");
    await fireEvent.click(screen.getByRole("button", { name: "Yes, delete it" }));
    await waitFor(() => expect(screen.queryByTestId("damaged-records")).toBeNull());
    expect(deleted).toEqual([["court_date", bad.id]]);
  });

  it("says it in Spanish on Home, every kind at once", async () => {
    setLanguage("es");
    backend({ damaged_records: () => [bad, badFamily] });
    render(DamagedRecords);
    const items = await screen.findAllByTestId("damaged-record");
    expect(items.map((i) => i.textContent?.split(":")[0])).toEqual(["Cita 01a2b3c4… no se pudo leer (su campo time_zone no es válido)", "Familia 01a2b3c4… no se pudo leer"]);
    setLanguage("en");
  });
});
