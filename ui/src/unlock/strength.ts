// A rough passphrase strength score, 0 (very weak) to 4 (very strong). It favours
// length and several words, which is what we ask people to choose.
const COMMON = ["password", "contraseña", "123456", "qwerty", "amparo", "iloveyou", "sanctuary", "santuario"];

export const MIN_LENGTH = 12;

export function strength(passphrase: string): 0 | 1 | 2 | 3 | 4 {
  const p = passphrase.trim();
  if (p.length < 8) return 0;
  const lower = p.toLowerCase();
  if (COMMON.some((c) => lower.includes(c)) && p.length < 16) return 0;
  if (/^(.)\1+$/.test(p)) return 0;
  const words = p.split(/[\s\-_.,]+/).filter((w) => w.length >= 2).length;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(p)).length;
  let score = 0;
  if (p.length >= MIN_LENGTH) score++;
  if (p.length >= 16) score++;
  if (p.length >= 22 || words >= 4) score++;
  if (words >= 3 || classes >= 3) score++;
  if (p.length < MIN_LENGTH) score = Math.min(score, 1);
  return Math.min(4, score) as 0 | 1 | 2 | 3 | 4;
}

/** Strong enough to create a store with. */
export function acceptable(passphrase: string): boolean {
  return passphrase.trim().length >= MIN_LENGTH && strength(passphrase) >= 2;
}
