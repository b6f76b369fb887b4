import { describe, expect, it } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import App from "../App.svelte";
import { agenda, backend, status } from "../test/fixtures";
import { setLanguage } from "../i18n/index.svelte";

async function fill(label: string, value: string) {
  await fireEvent.input(screen.getByLabelText(label), { target: { value } });
}

describe("first run", () => {
  it("refuses a weak passphrase without calling the backend, then creates the store", async () => {
    setLanguage("en");
    const calls = backend({
      app_status: () => status({ store_exists: false }),
      create_store: (args) => {
        expect(args).toEqual({ name: "Marta", passphrase: "river lantern maple coffee" });
        return status({ unlocked: true });
      },
      touch: () => null,
      agenda: () => agenda([]),
    });
    render(App);
    expect(await screen.findByText(/the data cannot be recovered/)).toBeTruthy();
    await fill("Your name", "Marta");
    await fill("Passphrase", "password1");
    await fill("Passphrase again", "password1");
    expect(screen.getByTestId("strength").textContent).toBe("Very weak");
    await fireEvent.click(screen.getByRole("button", { name: "Create store" }));
    expect((await screen.findByRole("alert")).textContent).toMatch(/stronger passphrase/);
    expect(calls).not.toContain("create_store");

    await fill("Passphrase", "river lantern maple coffee");
    await fill("Passphrase again", "river lantern maple coffee");
    await fireEvent.click(screen.getByRole("button", { name: "Create store" }));
    expect((await screen.findByRole("alert")).textContent).toMatch(/Confirm that you understand/);
    await fireEvent.click(screen.getByLabelText(/a lost passphrase cannot be recovered/));
    await fireEvent.click(screen.getByRole("button", { name: "Create store" }));
    expect(await screen.findByRole("heading", { name: "Home" })).toBeTruthy();
    expect(calls).toContain("create_store");
  });
});
