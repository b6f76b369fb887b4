import { describe, expect, it } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import MemberReceived from "./MemberReceived.svelte";
import { backend } from "../test/fixtures";
import { setLanguage } from "../i18n/index.svelte";

describe("what a member has received", () => {
  it("counts each kind of record their role holds, and when a bundle last went to them", async () => {
    setLanguage("en");
    const asked: unknown[] = [];
    backend({
      member_received: (a) => {
        asked.push(a.member);
        return { records: [{ kind: "court_date", count: 3 }, { kind: "household", count: 1 }], last_bundle: "2026-12-02T16:00:00Z" };
      },
    });
    render(MemberReceived, { member: "m2", name: "Bea Acompañante" });
    await fireEvent.click(screen.getByRole("button", { name: "What they have received" }));
    const shown = await screen.findByTestId("member-received");
    expect([...shown.querySelectorAll("li")].map((li) => li.textContent)).toEqual(["3 court dates", "1 family"]);
    expect(shown.textContent).toContain("Last bundle from this computer: ");
    expect(asked).toEqual(["m2"]);
    await fireEvent.click(screen.getByRole("button", { name: "What they have received" }));
    expect(screen.queryByTestId("member-received")).toBeNull();
  });

  it("says in Spanish when nothing has gone to them", async () => {
    setLanguage("es");
    backend({ member_received: () => ({ records: [], last_bundle: null }) });
    render(MemberReceived, { member: "m3", name: "Carmen" });
    await fireEvent.click(screen.getByRole("button", { name: "Lo que ha recibido" }));
    const shown = await screen.findByTestId("member-received");
    expect(shown.textContent).toContain("su rol aún no recibe ninguno");
    expect(shown.textContent).toContain("No se le ha enviado ningún paquete");
    setLanguage("en");
  });
});
