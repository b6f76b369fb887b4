// Driving the warnings-first block (shell/WarnFirst.svelte) the way a person does, in
// either language: read what it warns of, then assign anyway or choose again.
import { expect } from "vitest";
import { fireEvent, screen } from "@testing-library/svelte";

/** The warnings shown before assigning, as sentences. */
export async function warnedOf(prefix: string): Promise<string[]> {
  return (await screen.findAllByTestId(`${prefix}-warning`)).map((li) => li.textContent ?? "");
}

/** Click "Assign anyway" ("Asignar de todos modos"). */
export async function assignAnyway(): Promise<void> {
  await fireEvent.click(screen.getByRole("button", { name: /^(Assign anyway|Asignar de todos modos)$/ }));
}

/** Click "Choose again" ("Elegir de nuevo"): the warnings go away. */
export async function chooseAgain(prefix: string): Promise<void> {
  await fireEvent.click(screen.getByRole("button", { name: /^(Choose again|Elegir de nuevo)$/ }));
  expect(screen.queryByTestId(`${prefix}-warnings`)).toBeNull();
}
