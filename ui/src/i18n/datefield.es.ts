// Spanish texts of the app's own date and time fields. Same keys as datefield.en.ts.
import type { datefieldEn } from "./datefield.en";

export const datefieldEs: Record<keyof typeof datefieldEn, string> = {
  "datefield.datePlaceholder": "dd/mm/aaaa",
  "datefield.timePlaceholder": "hh:mm",
  "datefield.badDate": "Escriba la fecha como día/mes/año, por ejemplo 31/12/2026.",
  "datefield.badTime": "Escriba la hora como horas:minutos, de 00:00 a 23:59, por ejemplo 14:30.",
  "datefield.tooEarly": "Elija el {date} o una fecha posterior.",
  "datefield.tooLate": "Elija el {date} o una fecha anterior.",
};
