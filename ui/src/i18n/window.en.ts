// English texts of the app window's fixes (issue 17): what a caller must know on the family
// page, recording a housing check-in, the time zone a new record starts in. Spread into `en`.
export const windowEn = {
  "caller.title": "Before you call",
  "caller.voicemailUnsafe": "Do not leave a voicemail",
  "caller.voicemailSafe": "Voicemail is safe",
  "caller.voicemailUnknown": "Not known whether voicemail is safe: do not leave one",
  "caller.notRecorded": "not recorded",
  "calendar.today": "today",
  "checkin.record": "Record a check-in",
  "checkin.title": "Record a check-in",
  "checkin.on": "Day of the check-in",
  "checkin.by": "Who checked in",
  "checkin.how": "How it went",
  "checkin.save": "Save check-in",
  "checkin.saved": "Check-in with {family} on {date} recorded.",
  "checkin.last": "last check-in {date}",
  "checkin.none": "no check-in yet",
  "zone.fromTeam": "Starts in {zone}, the zone the team used last. Change it if this place is elsewhere.",
  "zone.fromComputer": "Starts in {zone}, this computer's zone. Change it if this place is elsewhere.",
} as const;
