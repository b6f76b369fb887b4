import { describe, expect, it } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import Spreadsheets from "./Spreadsheets.svelte";
import { backend } from "../test/fixtures";
import { setLanguage } from "../i18n/index.svelte";
import type { SheetPreview } from "../ipc";

const mapping = [{ column: "Nombre", field: "name" }, { column: "Color", field: null }];
const bad: SheetPreview = {
  kind: "volunteers", mapping, rows: 3, creates: [{ what: "volunteer", count: 2 }], unused_columns: ["Color"], already_present: 0, details: [],
  errors: [{ row: 3, column: "max shifts per week", problem: { code: "not_a_whole_number" } }],
};
const good: SheetPreview = { ...bad, errors: [] };

describe("spreadsheet import", () => {
  it("never guesses a court sheet's zone: none unless chosen, and a column matched by hand is sent and can be unmatched", async () => {
    setLanguage("en");
    const asked: { default_zone: string | null; map: [string, string][] }[] = [];
    const courts: SheetPreview = { ...good, kind: "court_dates", unused_columns: ["Hora local"] };
    backend({
      csv_columns: () => [{ column: "time", required: true, also: ["hora"] }, { column: "zone", required: false, also: ["zona"] }],
      csv_preview: (a) => { asked.push(a.options as never); return courts; },
    });
    render(Spreadsheets);
    await fireEvent.change(screen.getByLabelText("What the file holds", { selector: "#sheets-kind" }), { target: { value: "court_dates" } });
    await fireEvent.input(screen.getByLabelText("CSV file"), { target: { value: "/tmp/c.csv" } });
    const zone = screen.getByLabelText("Time zone of rows that name none") as HTMLSelectElement;
    expect(zone.value).toBe("");
    await fireEvent.click(screen.getByRole("button", { name: "Check the file" }));
    expect(await screen.findByTestId("map-columns")).toBeTruthy();
    expect(asked[0]).toEqual({ default_zone: null, map: [] });
    await fireEvent.change(zone, { target: { value: "America/Chicago" } });
    await fireEvent.change(screen.getByLabelText("What the column Hora local holds"), { target: { value: "time" } });
    expect((screen.getByRole("button", { name: "Import all of it" }) as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(screen.getByRole("button", { name: "Check the file" }));
    await screen.findByTestId("map-columns");
    expect(asked[1]).toEqual({ default_zone: "America/Chicago", map: [["Hora local", "time"]] });
    await fireEvent.change(screen.getByLabelText("What the column Hora local holds"), { target: { value: "" } });
    await fireEvent.click(screen.getByRole("button", { name: "Check the file" }));
    await screen.findByTestId("map-columns");
    expect(asked[2]).toEqual({ default_zone: "America/Chicago", map: [] });
  });

  it("shows the mapping and each bad row by number, and will not import until the file is fixed", async () => {
    setLanguage("en");
    const calls = backend({ csv_preview: () => bad });
    render(Spreadsheets);
    await fireEvent.input(screen.getByLabelText("CSV file"), { target: { value: "/tmp/v.csv" } });
    await fireEvent.click(screen.getByRole("button", { name: "Check the file" }));
    const error = await screen.findByTestId("import-error");
    expect(error.textContent).toBe("Row 3, column “max shifts per week”: the value is not a whole number");
    expect(screen.getByText("not imported")).toBeTruthy();
    expect((screen.getByRole("button", { name: "Import all of it" }) as HTMLButtonElement).disabled).toBe(true);
    expect(calls.filter((c) => c !== "csv_columns")).toEqual(["csv_preview"]);
  });

  it("imports a clean file only after confirming, and asks again when the file changes", async () => {
    setLanguage("en");
    const seen: unknown[] = [];
    backend({ csv_preview: () => good, csv_import: (args) => { seen.push(args); return good; } });
    render(Spreadsheets);
    await fireEvent.change(screen.getByLabelText("What the file holds", { selector: "#sheets-kind" }), { target: { value: "volunteers" } });
    await fireEvent.input(screen.getByLabelText("CSV file"), { target: { value: "/tmp/v.csv" } });
    await fireEvent.click(screen.getByRole("button", { name: "Check the file" }));
    expect(await screen.findByText("Importing will add: 2 volunteers")).toBeTruthy();
    const confirm = screen.getByRole("button", { name: "Import all of it" }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(false);
    await fireEvent.input(screen.getByLabelText("CSV file"), { target: { value: "/tmp/other.csv" } });
    expect(confirm.disabled).toBe(true);
    await fireEvent.input(screen.getByLabelText("CSV file"), { target: { value: "/tmp/v.csv" } });
    await fireEvent.click(confirm);
    expect((await screen.findByTestId("import-done")).textContent).toBe("Imported: 2 volunteers");
    expect(seen).toEqual([{ kind: "volunteers", path: "/tmp/v.csv", options: { default_zone: null, map: [] } }]);
  });

  it("shows each court row's local date, time and zone, what it creates and what is already present", async () => {
    setLanguage("en");
    const courts: SheetPreview = {
      ...good, kind: "court_dates", already_present: 1, unused_columns: ["Color"],
      details: [
        { row: 2, action: "create", label: "Ramírez — José Ramírez", date: "2026-12-01", time: "09:00", zone: "America/Chicago", new_family: "Ramírez", new_person: "José Ramírez", kept_as_note: null, warnings: [{ code: "time_twice", params: { time: "01:30", zone: "America/Chicago" } }] },
        { row: 4, action: "already_present", label: "Ortiz", date: "2026-12-02", time: "TBD", zone: "America/New_York", new_family: null, new_person: null, kept_as_note: null, warnings: [] },
      ],
    };
    backend({ csv_preview: () => courts });
    render(Spreadsheets);
    await fireEvent.input(screen.getByLabelText("CSV file"), { target: { value: "/tmp/c.csv" } });
    await fireEvent.click(screen.getByRole("button", { name: "Check the file" }));
    const rows = await screen.findAllByTestId("import-row");
    expect(rows[0].textContent).toContain("2026-12-01 09:00 America/Chicago");
    expect(rows[0].textContent).toContain("creates the family Ramírez");
    expect(rows[0].textContent).toContain("01:30 happens twice");
    expect(rows[1].textContent).toContain("skip: already in Amparo");
    expect(screen.getByTestId("unused-columns").textContent).toBe("Not imported: Color");
  });

  it("exports only after the warning of what the file holds is acknowledged", async () => {
    setLanguage("en");
    const seen: unknown[] = [];
    backend({ csv_export: (args) => { seen.push(args); return null; } });
    render(Spreadsheets);
    await fireEvent.change(screen.getByLabelText("What the file holds", { selector: "#sheets-export-kind" }), { target: { value: "households" } });
    expect(screen.getByTestId("export-warning").textContent).toContain("A-NUMBERS");
    await fireEvent.input(screen.getByLabelText("Save to"), { target: { value: "/tmp/f.csv" } });
    const button = screen.getByRole("button", { name: "Export" }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    await fireEvent.click(screen.getByLabelText("I understand what this file holds and will keep it safe"));
    await fireEvent.click(button);
    expect(await screen.findByTestId("export-done")).toBeTruthy();
    expect(seen).toEqual([{ kind: "households", path: "/tmp/f.csv" }]);
  });
});

describe("before a file is chosen", () => {
  it("shows the columns the chosen kind of sheet should have, which are required, and their other names", async () => {
    setLanguage("en");
    backend({
      csv_columns: (args) =>
        args.kind === "court_dates"
          ? [{ column: "date", required: true, also: ["fecha"] }]
          : [{ column: "family", required: true, also: ["household", "familia"] }, { column: "phone", required: false, also: ["telefono"] }],
    });
    render(Spreadsheets, { initialKind: "households" });
    const rows = await screen.findAllByTestId("expected-column");
    const cells = rows.map((r) => [...r.querySelectorAll("td")].map((td) => td.textContent?.replace(/\s+/g, " ").trim()));
    expect(cells).toEqual([["family required", "household, familia"], ["phone", "telefono"]]);
    await fireEvent.change(document.getElementById("sheets-kind")!, { target: { value: "court_dates" } });
    expect((await screen.findByText("fecha"))).toBeTruthy();
    expect(screen.getAllByTestId("expected-column")).toHaveLength(1);
  });
});
