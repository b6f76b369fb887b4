import { describe, expect, it } from "vitest";
import { byUrgency, checkTemplate, checkWindows, describeIssue, isOvernight, isWindow, limit, listOf } from "./logic";
import { doorWords, skillWord } from "./door";
import { t, setLanguage } from "../i18n/index.svelte";
import type { RotaIssueLine, ShiftSpecInput } from "../ipc/sanctuary";

function issue(over: Partial<RotaIssueLine>): RotaIssueLine {
  return {
    kind: "gap", site_id: "s", site_code: "SJ-1", shift_id: "x", label: "day", local_start: "2026-11-02 08:00",
    local_end: "2026-11-02 14:00", time_zone: "America/Chicago", starts_utc: "2026-11-02T14:00:00Z", assigned: 1,
    min_people: 2, missing_skills: [], volunteer_id: null, volunteer: null, other_shift_id: null, other_label: null,
    other_local_start: null, rest_minutes: null, wanted_hours: null, blackout_date: null, ...over,
  };
}

const spec = (over: Partial<ShiftSpecInput>): ShiftSpecInput => ({ label: "day", start: "08:00", end: "14:00", min_people: 2, max_people: null, required_skills: [], ...over });

describe("rota issues", () => {
  const when = (s: string) => s;
  it("says gaps, missing skills, double bookings and short rests loudly in either language", () => {
    setLanguage("en");
    expect(describeIssue(issue({ missing_skills: ["spanish"] }), t, when)).toBe("GAP: SJ-1 day 2026-11-02 08:00 — 1 of 2 people; nobody with spanish");
    const double = issue({ kind: "double_booked", volunteer: "Ana", label: "extra", other_label: "day", other_local_start: "2026-11-02 07:00" });
    expect(describeIssue(double, t, when)).toBe("DOUBLE BOOKED: Ana is on SJ-1 extra 2026-11-02 08:00 and on day 2026-11-02 07:00");
    const rest = issue({ kind: "short_rest", volunteer: "Beto", other_label: "night", other_local_start: "2026-11-01 20:00", rest_minutes: 0, wanted_hours: 12 });
    expect(describeIssue(rest, t, when)).toContain("wants 12 h");
    setLanguage("es");
    expect(describeIssue(double, t, when)).toMatch(/^DOBLE TURNO: Ana/);
    expect(describeIssue(issue({}), t, when)).toBe("HUECO: SJ-1 day 2026-11-02 08:00 — 1 de 2 personas");
    setLanguage("en");
  });
});

describe("templates", () => {
  it("knows an overnight shift and refuses what the core would", () => {
    expect(isOvernight({ start: "20:00", end: "08:00" })).toBe(true);
    expect(isOvernight({ start: "08:00", end: "14:00" })).toBe(false);
    expect(checkTemplate("standard", [spec({}), spec({ label: "night", start: "20:00", end: "08:00" })])).toBeNull();
    expect(checkTemplate(" ", [spec({})])?.key).toBe("sanct.errTemplateName");
    expect(checkTemplate("x", [])?.key).toBe("sanct.errNoShifts");
    expect(checkTemplate("x", [spec({ label: "" })])?.key).toBe("sanct.errName");
    expect(checkTemplate("x", [spec({ end: "08:00" })])).toEqual({ key: "sanct.errTimes", params: { label: "day" } });
    expect(checkTemplate("x", [spec({ start: "" })])?.key).toBe("sanct.errTimes");
    expect(checkTemplate("x", [spec({ min_people: 3, max_people: 2 })])?.key).toBe("sanct.errStaffing");
    expect(checkTemplate("x", [spec({ min_people: -1 })])?.key).toBe("sanct.errStaffing");
  });
});

describe("availability", () => {
  it("accepts the core's window forms and names the first bad line", () => {
    for (const ok of ["MO,WE 18:00-23:00", "daily 00:00-24:00", "FR 20:00-08:00", "RRULE:FREQ=MONTHLY;BYDAY=1SA 09:00-17:00"]) {
      expect(isWindow(ok), ok).toBe(true);
    }
    for (const bad of ["Mondays evenings", "XX 10:00-12:00", "MO 25:00-26:00", "MO 18:00", "MO 24:00-02:00"]) {
      expect(isWindow(bad), bad).toBe(false);
    }
    expect(checkWindows(["MO 18:00-23:00", "Tuesdays"])).toEqual({ key: "team.errWindow", params: { n: 2, text: "Tuesdays" } });
    expect(checkWindows(listOf("MO 18:00-23:00\n\n  SA 08:00-14:00 ", /\n/))).toBeNull();
  });

  it("reads limits as whole numbers or none", () => {
    expect(limit("")).toBeNull();
    expect(limit(null)).toBeNull();
    expect(limit(" 3 ")).toBe(3);
    expect(limit(4)).toBe(4);
    expect(limit("-1")).toBeUndefined();
    expect(limit("2.5")).toBeUndefined();
    expect(limit("two")).toBeUndefined();
  });
});

describe("door rota words", () => {
  it("follow the sheet's language, not the app's", () => {
    setLanguage("en");
    expect(doorWords("es").days[2]).toBe("Miércoles");
    expect(doorWords("es").nobody).toBe("SIN CUBRIR");
    expect(skillWord("es", "spanish")).toBe("español");
    expect(skillWord("en", "first_aid")).toBe("first aid");
    expect(doorWords("en").days).toHaveLength(7);
    expect(doorWords("es").days).toHaveLength(7);
  });
});

describe("issue order", () => {
  it("puts double bookings and short rests before gaps, each in time order", () => {
    const list = [
      issue({ shift_id: "g2", starts_utc: "2026-11-03T14:00:00Z" }),
      issue({ shift_id: "g1", starts_utc: "2026-11-02T14:00:00Z" }),
      issue({ kind: "short_rest", shift_id: "r", starts_utc: "2026-11-05T14:00:00Z" }),
      issue({ kind: "double_booked", shift_id: "d", starts_utc: "2026-11-09T14:00:00Z" }),
    ];
    expect(byUrgency(list).map((i) => i.shift_id)).toEqual(["d", "r", "g1", "g2"]);
    expect(list[0].shift_id).toBe("g2");
  });
});
