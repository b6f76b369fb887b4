import type { Key } from "./en";
import { homeEs } from "./home.es";
import { familiesEs } from "./families.es";
import { courtEs } from "./court.es";
import { housingEs } from "./housing.es";
import { teamEs } from "./team.es";
import { syncEs } from "./sync.es";
import { settingsEs } from "./settings.es";
import { sheetsEs } from "./sheets.es";
import { unlockEs } from "./unlock.es";
import { shellEs } from "./shell.es";
import { sanctuaryEs } from "./sanctuary.es";
import { incidentsEs } from "./incidents.es";
import { errorsEs } from "./errors.es";

// Spanish, one file per screen. Typed against the English keys: a missing key fails the type
// check and the i18n test.
export const es: Record<Key, string> = {
  ...homeEs,
  ...familiesEs,
  ...courtEs,
  ...housingEs,
  ...teamEs,
  ...syncEs,
  ...settingsEs,
  ...sheetsEs,
  ...unlockEs,
  ...shellEs,
  ...sanctuaryEs,
  ...incidentsEs,
  ...errorsEs,
};
