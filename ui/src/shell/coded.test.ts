import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { en } from "../i18n/en";
import { es } from "../i18n/es";
import { placeholders } from "../i18n/format";
import { setLanguage } from "../i18n/index.svelte";
import { IpcError } from "../ipc";
import { toIpcError } from "../ipc/errors";
import { errorText } from "./errors";
import { csvProblemText, gapReasonText, invalidText, ruleText, swapProblemText } from "./coded";

const dictionaries = { en: en as Record<string, string>, es: es as Record<string, string> };

/** The variants of a generated binding: code → parameter names, read from the file itself
 *  so a variant added in Rust without texts fails here. */
function variants(binding: string): Map<string, string[]> {
  const text = readFileSync(join(process.cwd(), "src/ipc/bindings", `${binding}.ts`), "utf8").replace(/\/\*\*[\s\S]*?\*\//g, "");
  const out = new Map<string, string[]>();
  const tagged = [...text.matchAll(/\{ "code": "(\w+)"(?:, "params": (\{[^}]*\}|string))? \}/g)];
  if (tagged.length > 0) {
    for (const [, code, params] of tagged) {
      out.set(code, params && params !== "string" ? [...params.matchAll(/(\w+):/g)].map((m) => m[1]) : []);
    }
  } else {
    for (const [, code] of text.matchAll(/"(\w+)"/g)) out.set(code, []);
  }
  return out;
}

const families: [binding: string, prefix: string][] = [
  ["RuleRefusal", "rule"],
  ["Invalid", "invalid"],
  ["SwapProblem", "swapProblem"],
  ["GapReason", "gapReason"],
  ["CsvProblem", "csvProblem"],
];

describe("coded errors", () => {
  for (const [binding, prefix] of families) {
    it(`every ${binding} variant has English and Spanish text using only its own parameters`, () => {
      const list = variants(binding);
      expect(list.size, binding).toBeGreaterThan(4);
      for (const [code, params] of list) {
        for (const [lang, dict] of Object.entries(dictionaries)) {
          const text = dict[`${prefix}.${code}`];
          expect(text, `${lang} ${prefix}.${code}`).toBeTruthy();
          for (const name of placeholders(text)) expect(params, `${lang} ${prefix}.${code} {${name}}`).toContain(name);
        }
      }
    });
  }

  it("the binding reader sees the parameters", () => {
    expect(variants("RuleRefusal").get("shift_full")).toEqual(["max"]);
    expect(variants("RuleRefusal").get("not_on_shift")).toEqual([]);
    expect(variants("Invalid").get("availability_window")).toEqual(["text"]);
    expect(variants("GapReason").has("at_limits")).toBe(true);
  });

  it("fills parameters and translates statuses, dates and nested problems", () => {
    setLanguage("es");
    expect(ruleText({ code: "shift_full", params: { max: 3 } })).toBe("este turno ya tiene su máximo de 3 personas.");
    expect(ruleText({ code: "swap_already_decided", params: { status: "approved" } })).toBe("este cambio ya está aprobado.");
    expect(ruleText({ code: "cannot_approve", params: { problem: { code: "double_booked" } } }))
      .toBe("no se puede aprobar el cambio de turno: la persona que lo toma quedaría en dos turnos a la vez");
    const placed = ruleText({ code: "family_already_placed", params: { site: "Casa Esperanza", from: "2026-12-01", to: null } });
    expect(placed).toContain("Casa Esperanza");
    expect(placed).toContain("sin fecha de fin");
    expect(placed).not.toContain("2026-12-01");
    expect(invalidText({ code: "availability_window", params: { text: "SA 20-08" } })).toContain("«SA 20-08» no es un horario");
    expect(swapProblemText({ code: "rest", params: { hours: 10 } })).toBe("la persona que lo toma quiere 10 horas de descanso entre turnos");
    expect(gapReasonText("nobody_available")).toBe("nadie más está disponible a esa hora");
    expect(csvProblemText({ code: "cell_count", params: { cells: 2, columns: 5 } }))
      .toBe("la fila tiene 2 celdas pero el encabezado tiene 5 columnas; revise si falta o sobra una coma");
    expect(csvProblemText({ code: "value", params: { problem: { code: "availability_window", params: { text: "martes" } } } }))
      .toBe("«martes» no es un horario como «MO,WE 18:00-23:00», «DAILY 08:00-20:00» o «SA 20:00-08:00».");
    setLanguage("en");
    expect(ruleText({ code: "shift_full", params: { max: 3 } })).toBe("this shift already has its maximum of 3 people.");
  });

  it("shows an error from the backend by its rule or problem, not its English message", () => {
    setLanguage("es");
    const refused = toIpcError({ code: "refused", message: "this shift already has its maximum of 2 people", rule: { code: "shift_full", params: { max: 2 } } });
    expect(errorText(refused)).toBe("Se rechazó este cambio: este turno ya tiene su máximo de 2 personas.");
    const invalid = toIpcError({ code: "invalid", message: "invalid A-number: …", invalid: { code: "a_number" } });
    expect(errorText(invalid)).toMatch(/^Un número A tiene nueve dígitos/);
    // Free text only the CLI meets falls back to the general line.
    const other = toIpcError({ code: "invalid", message: "invalid id: x", invalid: { code: "other", params: "x" } });
    expect(errorText(other)).toBe(es["error.invalid"]);
    // An older backend without a rule still says something.
    expect(errorText(new IpcError("refused", "over capacity"))).toBe("Se rechazó este cambio: over capacity");
    setLanguage("en");
  });
});
