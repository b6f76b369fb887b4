import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { setLanguage } from "../i18n/index.svelte";
import { session, type Route } from "../shell/session.svelte";
import { backend } from "../test/fixtures";
import type { FamilyDetail as Detail } from "../ipc";
import FamilyDetail from "./FamilyDetail.svelte";

const detail: Detail = {
  household: {
    id: "h1", display_name: "Familia Olvido", languages: ["es"], phone: null, voicemail_ok: null, alternate_contact: null,
    address: null, lead_congregation_id: null, lead_volunteer_id: null, intake_date: null, status: "active", consent: null,
    needs: null, tags: [], closed_at: null,
  },
  persons: [], court_dates: [], placements: [], tasks: [], notes: [], history: [],
};

function open(mayForget: boolean, forgotten: unknown[]) {
  return backend({
    family: () => detail,
    may_forget_families: () => mayForget,
    forget_family: (a) => { forgotten.push(a.id); return 4; },
  });
}

describe("forgetting a family", () => {
  it("is not offered to someone who may not forget families for the team", async () => {
    setLanguage("en");
    const calls = open(false, []);
    render(FamilyDetail, { id: "h1" });
    await screen.findByText("Familia Olvido");
    await waitFor(() => expect(calls).toContain("may_forget_families"));
    // Let the answer arrive before looking for the button.
    await new Promise((r) => setTimeout(r, 0));
    expect(screen.queryByRole("button", { name: "Forget this family…" })).toBeNull();
  });

  it("needs the family's name typed before it forgets, and then says what it removed", async () => {
    setLanguage("en");
    const forgotten: unknown[] = [];
    open(true, forgotten);
    session.route = { name: "family", id: "h1" };
    render(FamilyDetail, { id: "h1" });
    await fireEvent.click(await screen.findByRole("button", { name: "Forget this family…" }));
    expect(screen.getByTestId("family-forget-ask").textContent).toContain("Forget Familia Olvido everywhere?");
    const yes = screen.getByRole("button", { name: "Forget the family everywhere" }) as HTMLButtonElement;
    expect(yes.disabled).toBe(true);
    await fireEvent.input(screen.getByLabelText("Family name"), { target: { value: "Familia Otra" } });
    expect(yes.disabled).toBe(true);
    await fireEvent.input(screen.getByLabelText("Family name"), { target: { value: " Familia Olvido " } });
    expect(yes.disabled).toBe(false);
    await fireEvent.click(yes);
    await waitFor(() => expect(session.route.name).toBe("families"));
    expect(forgotten).toEqual(["h1"]);
    const route = session.route as Route;
    if (route.name !== "families") throw new Error(`on ${route.name}, not the family list`);
    expect(route.notice).toBe("Familia Olvido was forgotten on this computer. The team's devices forget the family at their next sync.");
  });

  it("says in the question why forgetting was refused, and forgets nothing", async () => {
    setLanguage("en");
    backend({
      family: () => detail,
      may_forget_families: () => true,
      forget_family: () => Promise.reject({
        code: "refused", message: "only a coordinator can forget a family for the whole team",
        rule: { code: "not_coordinator_to_forget" },
      }),
    });
    session.route = { name: "family", id: "h1" };
    render(FamilyDetail, { id: "h1" });
    await fireEvent.click(await screen.findByRole("button", { name: "Forget this family…" }));
    await fireEvent.input(screen.getByLabelText("Family name"), { target: { value: "Familia Olvido" } });
    await fireEvent.click(screen.getByRole("button", { name: "Forget the family everywhere" }));
    const ask = screen.getByTestId("family-forget-ask");
    await waitFor(() => expect(ask.textContent).toContain("only a coordinator can forget a family for the whole team; ask a coordinator."));
    expect(session.route.name).toBe("family");
  });

  it("cancel forgets nothing", async () => {
    setLanguage("en");
    const forgotten: unknown[] = [];
    const calls = open(true, forgotten);
    render(FamilyDetail, { id: "h1" });
    await fireEvent.click(await screen.findByRole("button", { name: "Forget this family…" }));
    await fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(screen.queryByTestId("family-forget-ask")).toBeNull();
    expect(calls).not.toContain("forget_family");
    expect(forgotten).toEqual([]);
  });
});
