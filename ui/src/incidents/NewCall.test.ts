import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { setLanguage } from "../i18n/index.svelte";
import { session } from "../shell/session.svelte";
import { backend } from "../test/fixtures";
import type { Incident } from "../ipc";
import NewCall from "./NewCall.svelte";
import { incident } from "./testData";

function mount(saved: Incident[]) {
  backend({
    blank_incident: () => incident({ id: "new1", received_by_id: "me" }),
    response_zones: () => [{ id: "z1", name: "Norte", signal_group: null, time_zone: "America/Chicago" }],
    add_incident: (a) => { saved.push(a.incident as Incident); return "new1"; },
  });
  session.newCallOpen = true;
  return render(NewCall);
}

describe("the new-call form", () => {
  it("has the focus on its first field, the location", async () => {
    setLanguage("en");
    mount([]);
    const location = screen.getByLabelText("Location (address or cross streets)");
    await waitFor(() => expect(document.activeElement).toBe(location));
  });

  it("saves with Enter from a text field and from a select, and opens the incident", async () => {
    setLanguage("en");
    const saved: Incident[] = [];
    mount(saved);
    await waitFor(() => expect((screen.getByRole("button", { name: "Save the call" }) as HTMLButtonElement).disabled).toBe(false));
    await fireEvent.input(screen.getByLabelText("Location (address or cross streets)"), { target: { value: " 1200 W Main St " } });
    await fireEvent.change(screen.getByLabelText("Kind of action"), { target: { value: "home" } });
    await fireEvent.input(screen.getByLabelText("Agents seen"), { target: { value: "4" } });
    await fireEvent.input(screen.getByLabelText("What the vests say (comma between)"), { target: { value: "ICE, POLICE" } });
    await fireEvent.input(screen.getByLabelText("Caller's phone"), { target: { value: "555-0100" } });
    await fireEvent.keyDown(screen.getByLabelText("Kind of action"), { key: "Enter" });
    await waitFor(() => expect(saved.length).toBe(1));
    const i = saved[0];
    expect(i.location).toBe("1200 W Main St");
    expect(i.kind).toBe("home");
    expect(i.agents).toBe(4);
    expect(i.uniforms).toEqual(["ICE", "POLICE"]);
    expect(i.caller_phone).toBe("555-0100");
    expect(i.received_by_id).toBe("me");
    expect(session.route).toEqual({ name: "incident", id: "new1" });
    expect(session.newCallOpen).toBe(false);
  });

  it("closes with Escape without saving", async () => {
    setLanguage("en");
    const saved: Incident[] = [];
    mount(saved);
    await fireEvent.keyDown(screen.getByLabelText("Location (address or cross streets)"), { key: "Escape" });
    expect(session.newCallOpen).toBe(false);
    expect(saved).toEqual([]);
  });

  it("shows the core's refusal and stays open", async () => {
    setLanguage("es");
    backend({
      blank_incident: () => incident(),
      response_zones: () => [],
      add_incident: () => Promise.reject({ code: "invalid", message: "incident location is required" }),
    });
    session.newCallOpen = true;
    render(NewCall);
    await waitFor(() => expect((screen.getByRole("button", { name: "Guardar la llamada" }) as HTMLButtonElement).disabled).toBe(false));
    await fireEvent.keyDown(screen.getByLabelText("Lugar (dirección o esquina)"), { key: "Enter" });
    expect(await screen.findByTestId("error")).toBeTruthy();
    expect(session.newCallOpen).toBe(true);
    setLanguage("en");
  });
});
