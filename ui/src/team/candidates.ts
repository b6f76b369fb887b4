// What a picker of volunteers (court accompaniers, shift people) shows beside each name:
// their languages, whether they are trained for it, free by their own hours, and already
// booked elsewhere at that time. The facts come from the app (`CandidateView`).
import type { Volunteer } from "../ipc";
import type { CandidateView } from "../ipc/bindings/CandidateView";
import { t, formatTime, languageList } from "../i18n/index.svelte";

export type { CandidateView };

export interface CandidateNote {
  text: string;
  /** A reason to think twice: not trained, not available, booked elsewhere. */
  warn: boolean;
}

export function candidateNotes(v: Volunteer, c: CandidateView | undefined): CandidateNote[] {
  const notes: CandidateNote[] = [];
  notes.push({ text: v.languages.length > 0 ? languageList(v.languages) : t("pick.noLanguages"), warn: false });
  if (!c) return notes;
  notes.push(c.trained ? { text: t("pick.trained"), warn: false } : { text: t("pick.untrained"), warn: true });
  if (c.available === false) notes.push({ text: t("pick.unavailable"), warn: true });
  else if (c.available === true && c.hours_given) notes.push({ text: t("pick.available"), warn: false });
  for (const p of c.clashes) {
    if (p.kind === "other_court_date") {
      notes.push({ text: t("pick.atCourt", { time: formatTime(p.local_time.slice(11, 16)) }), warn: true });
    } else if (p.kind === "on_shift") {
      notes.push({
        text: t("pick.onShift", { label: p.label, from: formatTime(p.local_start.slice(11, 16)), to: formatTime(p.local_end.slice(11, 16)) }),
        warn: true,
      });
    }
  }
  return notes;
}
