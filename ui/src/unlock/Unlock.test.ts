import { describe, expect, it } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import App from "../App.svelte";
import { agenda, agendaItem as courtView, backend, rejectWith, status } from "../test/fixtures";
import { setLanguage } from "../i18n/index.svelte";

describe("unlock screen", () => {
  it("still offers the demo store once a real store exists", async () => {
    setLanguage("en");
    const calls = backend({
      app_status: () => status(),
      open_demo: () => status({ unlocked: false, demo: true, store_dir: "/tmp/demo" }),
    });
    render(App);
    await fireEvent.click(await screen.findByRole("button", { name: "Open the demo store" }));
    expect(calls).toContain("open_demo");
    expect(await screen.findByText("Store location: /tmp/demo")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Open the demo store" })).toBeNull();
  });

  it("says the passphrase is wrong, then opens the home screen with the right one", async () => {
    setLanguage("en");
    let attempts = 0;
    backend({
      app_status: () => status(),
      unlock: (args) => {
        attempts++;
        return args.passphrase === "right one here" ? status({ unlocked: true }) : rejectWith("wrong_passphrase", "wrong passphrase for the store at /tmp/store")();
      },
      touch: () => null,
      agenda: () => agenda([courtView()]),
    });
    render(App);
    const input = await screen.findByLabelText("Passphrase");
    await fireEvent.input(input, { target: { value: "nope" } });
    await fireEvent.click(screen.getByRole("button", { name: "Unlock" }));
    expect(await screen.findByRole("alert")).toHaveProperty(
      "textContent",
      "That passphrase is not right for this store. Check it and try again.",
    );
    expect((input as HTMLInputElement).value).toBe("");

    await fireEvent.input(input, { target: { value: "right one here" } });
    await fireEvent.click(screen.getByRole("button", { name: "Unlock" }));
    expect(await screen.findByRole("heading", { name: "Home" })).toBeTruthy();
    expect(attempts).toBe(2);
  });

  it("is in Spanish when the saved language is Spanish", async () => {
    backend({ app_status: () => status({ prefs: { language: "es", auto_lock_minutes: 5, store_dir: null } }) });
    render(App);
    expect(await screen.findByRole("heading", { name: "Desbloquear Amparo" })).toBeTruthy();
    expect(screen.getByLabelText("Frase de contraseña")).toBeTruthy();
  });
});
