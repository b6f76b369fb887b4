// Pure date arithmetic for the month and week views, on "YYYY-MM-DD" strings (UTC noon,
// so no local time zone shifts a day).
export function parse(date: string): Date {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d, 12));
}

export function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function addDays(date: string, n: number): string {
  const d = parse(date);
  d.setUTCDate(d.getUTCDate() + n);
  return iso(d);
}

/** Monday of the week holding `date`. */
export function monday(date: string): string {
  const dow = (parse(date).getUTCDay() + 6) % 7;
  return addDays(date, -dow);
}

/** The 6×7 grid of days shown for a month, starting on a Monday. */
export function monthGrid(year: number, month: number): string[] {
  const first = `${year}-${String(month).padStart(2, "0")}-01`;
  const start = monday(first);
  return Array.from({ length: 42 }, (_, i) => addDays(start, i));
}

export function todayIso(): string {
  const now = new Date();
  return iso(new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate(), 12)));
}
