import { afterEach, describe, expect, it } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import DateInput from "./DateInput.svelte";
import TimeInput from "./TimeInput.svelte";
import { formatDateText, formatTimeText, parseDateText, parseTimeText } from "./dateTimeText";
import { setLanguage } from "../i18n/index.svelte";

afterEach(() => setLanguage("en"));

describe("dates and times as each language writes them", () => {
  it("reads English month/day/year, Spanish day/month/year, and ISO in both", () => {
    expect(parseDateText("12/10/2026", "en")).toBe("2026-12-10");
    expect(parseDateText("1/2/2026", "en")).toBe("2026-01-02");
    expect(parseDateText("12/10/2026", "es")).toBe("2026-10-12");
    expect(parseDateText(" 31-12-2026 ", "es")).toBe("2026-12-31");
    expect(parseDateText("31.12.2026", "es")).toBe("2026-12-31");
    for (const lang of ["en", "es"] as const) expect(parseDateText("2026-12-10", lang)).toBe("2026-12-10");
  });

  it("refuses what is not a whole, real date", () => {
    for (const s of ["", "12/10", "12/10/26", "13/31/2026", "02/30/2026", "2026-02-29", "tomorrow", "2026-13-01"]) {
      expect(parseDateText(s, "en"), s).toBeNull();
    }
    expect(parseDateText("31/12/2026", "en")).toBeNull();
    expect(parseDateText("12/31/2026", "es")).toBeNull();
    expect(parseDateText("29/02/2028", "es")).toBe("2028-02-29");
  });

  it("writes dates and times the language's way", () => {
    expect(formatDateText("2026-12-03", "en")).toBe("12/03/2026");
    expect(formatDateText("2026-12-03", "es")).toBe("03/12/2026");
    expect(formatTimeText("14:30", "en")).toBe("2:30 PM");
    expect(formatTimeText("00:05", "en")).toBe("12:05 AM");
    expect(formatTimeText("12:00", "en")).toBe("12:00 PM");
    expect(formatTimeText("09:30:00", "es")).toBe("09:30");
    expect(formatTimeText("", "es")).toBe("");
  });

  it("reads 12-hour times with a.m./p.m. and 24-hour times without", () => {
    expect(parseTimeText("2:30 PM")).toBe("14:30");
    expect(parseTimeText("2:30pm")).toBe("14:30");
    expect(parseTimeText("2:30 p. m.")).toBe("14:30");
    expect(parseTimeText("2:30\u202fp.m.")).toBe("14:30");
    expect(parseTimeText("12:15 am")).toBe("00:15");
    expect(parseTimeText("9 am")).toBe("09:00");
    expect(parseTimeText("09:30")).toBe("09:30");
    expect(parseTimeText("14.30")).toBe("14:30");
    expect(parseTimeText("14h30")).toBe("14:30");
    expect(parseTimeText("09:30:00")).toBe("09:30");
    for (const s of ["", "9", "24:00", "13:00 pm", "0:30 am", "9:60", "noon", "9:3"]) expect(parseTimeText(s), s).toBeNull();
  });
});

function field(): HTMLInputElement {
  return screen.getByRole("textbox") as HTMLInputElement;
}

describe("the date field", () => {
  it("shows the ISO value the English way, with an English placeholder", () => {
    setLanguage("en");
    render(DateInput, { id: "d", value: "2026-12-10" });
    expect(field().value).toBe("12/10/2026");
    expect(field().id).toBe("d");
    expect(field().placeholder).toBe("mm/dd/yyyy");
  });

  it("shows it the Spanish way in Spanish, and follows a switch of language", async () => {
    setLanguage("es");
    render(DateInput, { id: "d", value: "2026-12-10" });
    expect(field().value).toBe("10/12/2026");
    expect(field().placeholder).toBe("dd/mm/aaaa");
    setLanguage("en");
    await new Promise((r) => setTimeout(r, 0));
    expect(field().value).toBe("12/10/2026");
    expect(field().placeholder).toBe("mm/dd/yyyy");
  });

  it("gives out the ISO date of what a person types in each language", async () => {
    const seen: string[] = [];
    setLanguage("es");
    render(DateInput, { value: "", oninput: (v: string) => seen.push(v) });
    await fireEvent.input(field(), { target: { value: "3/12/2026" } });
    expect(seen.at(-1)).toBe("2026-12-03");
    await fireEvent.change(field());
    expect(field().value).toBe("03/12/2026");
    setLanguage("en");
    await new Promise((r) => setTimeout(r, 0));
    expect(field().value).toBe("12/03/2026");
    await fireEvent.input(field(), { target: { value: "1/2/2027" } });
    expect(seen.at(-1)).toBe("2027-01-02");
  });

  it("takes an ISO date set by a script with input and change events, as the E2E steps do", async () => {
    const seen: string[] = [];
    setLanguage("es");
    render(DateInput, { id: "pl-start", value: "", oninput: (v: string) => seen.push(v) });
    const el = document.getElementById("pl-start") as HTMLInputElement;
    el.value = "2026-12-10";
    el.dispatchEvent(new Event("input", { bubbles: true }));
    el.dispatchEvent(new Event("change", { bubbles: true }));
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual(["2026-12-10"]);
    expect(el.value).toBe("10/12/2026");
    expect(el.getAttribute("aria-invalid")).toBeNull();
  });

  it("marks a text that is not a date once the person leaves it, explains in the language, and gives out no date", async () => {
    const seen: string[] = [];
    setLanguage("en");
    render(DateInput, { id: "due", value: "2026-12-10", oninput: (v: string) => seen.push(v) });
    await fireEvent.input(field(), { target: { value: "12/10" } });
    expect(seen).toEqual([""]);
    // Half typed: not scolded yet, but a validating form would not submit it.
    expect(field().getAttribute("aria-invalid")).toBeNull();
    expect(field().validity.customError).toBe(true);
    await fireEvent.change(field());
    expect(field().getAttribute("aria-invalid")).toBe("true");
    const note = screen.getByTestId("datefield-problem");
    expect(note.textContent).toBe("Write the date as month/day/year, for example 12/31/2026.");
    expect(field().getAttribute("aria-describedby")).toBe(note.id);
    setLanguage("es");
    await new Promise((r) => setTimeout(r, 0));
    expect(field().value).toBe("12/10");
    expect(screen.getByTestId("datefield-problem").textContent).toBe("Escriba la fecha como día/mes/año, por ejemplo 31/12/2026.");
    // Put right, the mark goes.
    await fireEvent.input(field(), { target: { value: "10/12/2026" } });
    expect(seen.at(-1)).toBe("2026-12-10");
    expect(field().getAttribute("aria-invalid")).toBeNull();
    expect(screen.queryByTestId("datefield-problem")).toBeNull();
    expect(field().validity.valid).toBe(true);
  });

  it("refuses a date after its latest", async () => {
    setLanguage("en");
    render(DateInput, { value: "", max: "2026-12-01" });
    await fireEvent.input(field(), { target: { value: "12/02/2026" } });
    await fireEvent.change(field());
    expect(field().getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByTestId("datefield-problem").textContent).toBe("Choose Tue, Dec 1, 2026 or earlier.");
  });

  it("replaces its text when the form sets a new value, and empties with it", async () => {
    setLanguage("en");
    const view = render(DateInput, { value: "2026-12-10" });
    await view.rerender({ value: "2027-01-05" });
    expect(field().value).toBe("01/05/2027");
    await view.rerender({ value: "" });
    expect(field().value).toBe("");
  });
});

describe("the time field", () => {
  it("shows 12-hour times in English and 24-hour times in Spanish", async () => {
    setLanguage("en");
    render(TimeInput, { id: "court-time", value: "14:30" });
    expect(field().value).toBe("2:30 PM");
    expect(field().placeholder).toBe("h:mm AM/PM");
    setLanguage("es");
    await new Promise((r) => setTimeout(r, 0));
    expect(field().value).toBe("14:30");
    expect(field().placeholder).toBe("hh:mm");
  });

  it("gives out HH:MM for what is typed, set by a script, or refuses it", async () => {
    const seen: string[] = [];
    setLanguage("en");
    render(TimeInput, { id: "court-time", value: "", oninput: (v: string) => seen.push(v) });
    await fireEvent.input(field(), { target: { value: "9:30 pm" } });
    expect(seen.at(-1)).toBe("21:30");
    await fireEvent.change(field());
    expect(field().value).toBe("9:30 PM");
    await fireEvent.input(field(), { target: { value: "09:30" } });
    await fireEvent.change(field());
    expect(seen.at(-1)).toBe("09:30");
    expect(field().value).toBe("9:30 AM");
    await fireEvent.input(field(), { target: { value: "25:00" } });
    await fireEvent.change(field());
    expect(seen.at(-1)).toBe("");
    expect(field().getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByTestId("datefield-problem").textContent).toBe("Write the time as hour:minutes AM or PM, for example 9:30 AM.");
  });
});
