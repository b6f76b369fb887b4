// The sanctuary rotation commands (src-tauri/src/sanctuary.rs).
import { call } from "./index";
import type { AutofillPlan } from "./bindings/AutofillPlan";
import type { DoorRota } from "./bindings/DoorRota";
import type { GeneratedView } from "./bindings/GeneratedView";
import type { RotaIssueLine } from "./bindings/RotaIssueLine";
import type { RotationTemplateInput } from "./bindings/RotationTemplateInput";
import type { ShiftSpecInput } from "./bindings/ShiftSpecInput";
import type { SwapOutcomeView } from "./bindings/SwapOutcomeView";
import type { SwapView } from "./bindings/SwapView";

export type { AutofillPlan, DoorRota, GeneratedView, RotaIssueLine, RotationTemplateInput, ShiftSpecInput, SwapOutcomeView, SwapView };
export type { DoorRotaShift } from "./bindings/DoorRotaShift";
export type { RotaIssueKind } from "./bindings/RotaIssueKind";

export const sanctuaryApi = {
  templates: (siteId: string) => call<RotationTemplateInput[]>("rotation_templates", { siteId }),
  saveTemplate: (template: RotationTemplateInput) => call<string>("save_rotation_template", { template }),
  deleteTemplate: (templateId: string) => call<void>("delete_rotation_template", { templateId }),
  generate: (templateId: string, from: string, to: string) => call<GeneratedView>("generate_from_template", { templateId, from, to }),
  planAutofill: (siteId: string, monday: string) => call<AutofillPlan>("plan_autofill", { siteId, monday }),
  applyAutofill: (plan: AutofillPlan) => call<number>("apply_autofill", { plan }),
  issues: (siteId: string, monday: string) => call<RotaIssueLine[]>("rota_issues", { siteId, monday }),
  swaps: (siteId: string) => call<SwapView[]>("swaps", { siteId }),
  offerSwap: (shiftId: string, volunteerId: string) => call<string>("offer_swap", { shiftId, volunteerId }),
  takeSwap: (swapId: string, volunteerId: string, autoApprove: boolean) =>
    call<SwapOutcomeView>("take_swap", { swapId, volunteerId, autoApprove }),
  approveSwap: (swapId: string) => call<void>("approve_swap", { swapId }),
  declineSwap: (swapId: string) => call<void>("decline_swap", { swapId }),
  withdrawSwap: (swapId: string) => call<void>("withdraw_swap", { swapId }),
  doorRota: (siteId: string, day: string) => call<DoorRota>("door_rota", { siteId, day }),
  exportIcs: (volunteerId: string, from: string, days: number, includeShiftLabel: boolean, path: string) =>
    call<number>("export_volunteer_ics", { volunteerId, from, days, includeShiftLabel, path }),
};
