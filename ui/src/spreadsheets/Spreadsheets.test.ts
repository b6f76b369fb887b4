import { describe, expect, it } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import Spreadsheets from "./Spreadsheets.svelte";
import { backend } from "../test/fixtures";
import { setLanguage } from "../i18n/index.svelte";
import type { SheetPreview } from "../ipc";

const mapping = [{ column: "Nombre", field: "name" }, { column: "Color", field: null }];
const bad: SheetPreview = {
  kind: "volunteers", mapping, rows: 3, creates: [{ what: "volunteer", count: 2 }],
  errors: [{ row: 3, column: "max shifts per week", problem: { code: "not_a_whole_number" } }],
};
const good: SheetPreview = { ...bad, errors: [] };

describe("spreadsheet import", () => {
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
    expect(calls).toEqual(["csv_preview"]);
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
    expect(seen).toEqual([{ kind: "volunteers", path: "/tmp/v.csv" }]);
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
