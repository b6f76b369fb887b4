import { homeEn } from "./home.en";
import { familiesEn } from "./families.en";
import { courtEn } from "./court.en";
import { housingEn } from "./housing.en";
import { teamEn } from "./team.en";
import { syncEn } from "./sync.en";
import { settingsEn } from "./settings.en";
import { sheetsEn } from "./sheets.en";
import { unlockEn } from "./unlock.en";
import { shellEn } from "./shell.en";
import { sanctuaryEn } from "./sanctuary.en";
import { incidentsEn } from "./incidents.en";
import { errorsEn } from "./errors.en";

// English: the source of the translation keys, one file per screen. Spanish must have every one.
export const en = {
  ...homeEn,
  ...familiesEn,
  ...courtEn,
  ...housingEn,
  ...teamEn,
  ...syncEn,
  ...settingsEn,
  ...sheetsEn,
  ...unlockEn,
  ...shellEn,
  ...sanctuaryEn,
  ...incidentsEn,
  ...errorsEn,
} as const;

export type Key = keyof typeof en;
