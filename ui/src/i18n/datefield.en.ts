// English texts of the app's own date and time fields (shell/DateInput, shell/TimeInput),
// which write dates and times the English way whatever the computer's locale. Spread into `en`.
export const datefieldEn = {
  "datefield.datePlaceholder": "mm/dd/yyyy",
  "datefield.timePlaceholder": "h:mm AM/PM",
  "datefield.badDate": "Write the date as month/day/year, for example 12/31/2026.",
  "datefield.badTime": "Write the time as hour:minutes AM or PM, for example 9:30 AM.",
  "datefield.tooEarly": "Choose {date} or later.",
  "datefield.tooLate": "Choose {date} or earlier.",
} as const;
