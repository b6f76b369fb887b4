import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/svelte";
import Outcomes from "./Outcomes.svelte";
import { setLanguage } from "../i18n/index.svelte";
import type { FileOutcome, ImportSummary } from "../ipc";

const quiet: ImportSummary = {
  new: 1, updated: 0, unchanged: 0, conflicts: 0, already_seen: 0, future_dated: 0, waiting_for_record: 0, behind: 0,
  purges_ignored: 0, left_out: 0, left_out_from: [], reused_numbers: 0, reused_by: [], bundle_already_imported: false,
};

function shown(summary: ImportSummary) {
  const outcomes: FileOutcome[] = [{ file_name: "amparo-bundle.age", summary, error: null }];
  return render(Outcomes, { outcomes });
}

describe("import outcomes", () => {
  it("says nothing more when the import was complete", () => {
    setLanguage("en");
    shown(quiet);
    expect(screen.queryByTestId("behind")).toBeNull();
    expect(screen.queryByTestId("reused-numbers")).toBeNull();
    expect(screen.queryByTestId("waiting-for-record")).toBeNull();
  });

  it("says that edits of records not received yet wait for them, in Spanish too", () => {
    setLanguage("es");
    shown({ ...quiet, waiting_for_record: 1 });
    expect(screen.getByTestId("waiting-for-record").textContent).toContain("aún no ha recibido");
    setLanguage("en");
  });

  it("tells a member that a file is missing when the sender holds more than arrived", () => {
    setLanguage("en");
    shown({ ...quiet, behind: 2 });
    expect(screen.getByTestId("behind").textContent).toContain("changes from 2 devices that this computer still lacks");
  });

  it("names the member whose device two laptops are signing as, in Spanish too", () => {
    setLanguage("es");
    shown({ ...quiet, reused_numbers: 3, reused_by: ["Bea Acompañante"] });
    const text = screen.getByTestId("reused-numbers").textContent ?? "";
    expect(text).toContain("No se aplicaron 3 cambios");
    expect(text).toContain("Bea Acompañante");
    setLanguage("en");
  });
});
