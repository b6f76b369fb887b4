import { afterEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import { setLanguage } from "../i18n/index.svelte";
import { backend } from "../test/fixtures";
import SignalCopy from "./SignalCopy.svelte";

const TEXT = "RESPUESTA RÁPIDA: Casa\nDónde: 1200 W Main St";

afterEach(() => vi.unstubAllGlobals());

describe("copying the Signal text", () => {
  it("first says what the text contains and shows it, and copies only when asked", async () => {
    setLanguage("en");
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal("navigator", { ...navigator, clipboard: { writeText } });
    const asked: unknown[] = [];
    backend({ incident_signal_text: (a) => { asked.push(a); return { text: TEXT, contains: "el tipo de acción, el lugar" }; } });
    render(SignalCopy, { id: "i1" });
    await fireEvent.change(screen.getByLabelText("Language of the text"), { target: { value: "es" } });
    await fireEvent.click(screen.getByRole("button", { name: "Copy for Signal" }));
    expect(asked).toEqual([{ id: "i1", lang: "es" }]);
    const ask = await screen.findByTestId("signal-ask");
    expect(ask.textContent).toContain("This text leaves Amparo unencrypted");
    expect(screen.getByTestId("signal-contains").textContent).toBe("It contains: el tipo de acción, el lugar.");
    expect((screen.getByLabelText("Text for the Signal group") as HTMLTextAreaElement).value).toBe(TEXT);
    expect(writeText).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByRole("button", { name: "Copy the text" }));
    expect(writeText).toHaveBeenCalledWith(TEXT);
    expect(await screen.findByText("Copied. Paste it into the zone's Signal group.")).toBeTruthy();
  });

  it("says to copy by hand when the clipboard refuses", async () => {
    setLanguage("en");
    vi.stubGlobal("navigator", { ...navigator, clipboard: { writeText: () => Promise.reject(new Error("denied")) } });
    backend({ incident_signal_text: () => ({ text: TEXT, contains: "x" }) });
    render(SignalCopy, { id: "i1" });
    await fireEvent.click(screen.getByRole("button", { name: "Copy for Signal" }));
    await fireEvent.click(await screen.findByRole("button", { name: "Copy the text" }));
    expect(await screen.findByText(/Could not copy/)).toBeTruthy();
  });
});
