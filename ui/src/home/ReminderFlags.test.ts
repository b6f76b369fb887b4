import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/svelte";
import ReminderFlags from "./ReminderFlags.svelte";
import { backend } from "../test/fixtures";
import { setLanguage } from "../i18n/index.svelte";
import type { ReminderFlag } from "../ipc";

function flag(over: Partial<ReminderFlag> & Pick<ReminderFlag, "flag">): ReminderFlag {
  return {
    key: Math.random().toString(), household_id: "h1", household: "Familia Prueba", court_date_id: null,
    local_time: null, time_tbc: false, time_zone: null, place: null, ...over,
  };
}

const FLAGS: ReminderFlag[] = [
  flag({ key: "p|ending", flag: { kind: "ending_soon", site: "Casa Azul", last_night: "2026-12-05", days_left: 10 } }),
  flag({
    key: "c|under", court_date_id: "c1", local_time: "2026-12-01 09:30", time_zone: "America/Chicago", place: "Immigration Court",
    flag: { kind: "under_staffed", stage: "morning_before", assigned: 1, wanted: 2 },
  }),
  flag({ key: "d|due", flag: { kind: "deadline", what: "asylum filing", due: "2026-11-20", overdue: true } }),
];

describe("reminder flags on Home", () => {
  it("words every reminder, the most urgent first and marked", async () => {
    setLanguage("en");
    backend({ reminders: () => FLAGS });
    render(ReminderFlags);
    const items = await screen.findAllByTestId("reminder-flag");
    expect(items.map((i) => i.querySelector("strong")?.textContent)).toEqual([
      "Needs accompaniers tomorrow: 1 of 2",
      "Deadline passed Fri, Nov 20, 2026: asylum filing",
      "Placement at Casa Azul ends in 10 days (Sat, Dec 5, 2026)",
    ]);
    expect(items[0].className).toContain("understaffed");
    expect(items[2].className).not.toContain("understaffed");
    expect(items[0].textContent).toContain("9:30 AM (America/Chicago) · Immigration Court");
  });

  it("asks a coordinator first to mark a family detained when an accompanier reported it, in Spanish too", async () => {
    const reported = flag({
      key: "c|detained", court_date_id: "c3", local_time: "2026-11-20 08:30", time_zone: "America/Chicago", place: "ICE Field Office",
      flag: { kind: "detention_reported", family_status: "active" },
    });
    setLanguage("en");
    backend({ reminders: () => [...FLAGS, reported] });
    const en = render(ReminderFlags);
    const items = await screen.findAllByTestId("reminder-flag");
    expect(items[0].querySelector("strong")?.textContent).toBe(
      "Reported detained at this hearing; the family is still marked Active: set their status to Detained.",
    );
    en.unmount();
    setLanguage("es");
    render(ReminderFlags);
    const es = await screen.findAllByTestId("reminder-flag");
    expect(es[0].querySelector("strong")?.textContent).toContain("sigue marcada como Activa");
    setLanguage("en");
  });

  it("never shows the placeholder time of a hearing whose time is to be confirmed", async () => {
    const tbc = flag({
      key: "c|under:7d", court_date_id: "c2", local_time: "2026-12-06 13:00", time_tbc: true,
      time_zone: "America/Chicago", place: "Immigration Court",
      flag: { kind: "under_staffed", stage: "seven_days", assigned: 0, wanted: 2 },
    });
    setLanguage("en");
    backend({ reminders: () => [tbc] });
    const en = render(ReminderFlags);
    const item = await screen.findByTestId("reminder-flag");
    expect(item.textContent).toContain("Sun, Dec 6, 2026 · time to be confirmed (America/Chicago)");
    expect(item.textContent).not.toContain("1:00");
    en.unmount();
    setLanguage("es");
    render(ReminderFlags);
    const es = await screen.findByTestId("reminder-flag");
    expect(es.textContent).toContain("hora por confirmar");
    expect(es.textContent).not.toMatch(/1:00|13:00/);
    setLanguage("en");
  });

  it("says so when nothing needs attention, in Spanish too", async () => {
    setLanguage("es");
    backend({ reminders: () => [] });
    render(ReminderFlags);
    expect(await screen.findByText("Nada requiere atención por ahora.")).toBeTruthy();
    setLanguage("en");
  });

  it("shows a site name full of markup as text", async () => {
    setLanguage("en");
    const site = '<img src=x onerror="alert(1)">';
    backend({ reminders: () => [flag({ flag: { kind: "missed_check_in", site, was_due: "2026-11-20" } })] });
    const { container } = render(ReminderFlags);
    expect((await screen.findByTestId("reminder-flag")).textContent).toContain(site);
    expect(container.querySelector("img")).toBeNull();
  });
});
