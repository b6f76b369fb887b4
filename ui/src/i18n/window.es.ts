// Spanish texts of the app window's fixes (issue 17). Same keys as window.en.ts.
import type { windowEn } from "./window.en";

export const windowEs: Record<keyof typeof windowEn, string> = {
  "caller.title": "Antes de llamar",
  "caller.voicemailUnsafe": "No deje mensaje de voz",
  "caller.voicemailSafe": "Es seguro dejar mensaje de voz",
  "caller.voicemailUnknown": "No se sabe si es seguro dejar mensaje de voz: no deje ninguno",
  "caller.notRecorded": "sin registrar",
  "calendar.today": "hoy",
  "checkin.record": "Registrar una visita",
  "checkin.title": "Registrar una visita de seguimiento",
  "checkin.on": "Día de la visita",
  "checkin.by": "Quién hizo la visita",
  "checkin.how": "Cómo fue",
  "checkin.save": "Guardar la visita",
  "checkin.saved": "Visita a {family} del {date} registrada.",
  "checkin.last": "última visita {date}",
  "checkin.none": "sin visitas aún",
  "zone.fromTeam": "Empieza en {zone}, la zona que el equipo usó por última vez. Cámbiela si el lugar está en otra.",
  "zone.fromComputer": "Empieza en {zone}, la zona de esta computadora. Cámbiela si el lugar está en otra.",
};
