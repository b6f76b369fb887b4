import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/svelte";
import Home from "./Home.svelte";
import { agenda, agendaItem as courtView, backend } from "../test/fixtures";
import { setLanguage } from "../i18n/index.svelte";

describe("home agenda", () => {
  it("makes an under-staffed court date stand out and a covered one not", async () => {
    setLanguage("en");
    backend({ agenda: () => agenda([courtView({ name: "Short", assigned: 1 }), courtView({ id: "c2", name: "Full", assigned: 2 })]), reminders: () => [] });
    render(Home);
    const items = await screen.findAllByTestId("agenda-court-item");
    expect(items).toHaveLength(2);
    expect(items[0].className).toContain("understaffed");
    expect(items[0].textContent).toContain("Needs people: 1 of 2");
    expect(items[1].className).not.toContain("understaffed");
    expect(items[1].textContent).toContain("Covered: 2 of 2");
    expect(items[0].textContent).toContain("9:30 AM");
  });

  it("shows a name full of markup as text", async () => {
    setLanguage("en");
    const name = '<img src=x onerror="alert(1)"><b>bold</b>';
    backend({ agenda: () => agenda([courtView({ name })]), reminders: () => [] });
    const { container } = render(Home);
    expect(await screen.findByText(name)).toBeTruthy();
    expect(container.querySelector("img")).toBeNull();
    expect(container.querySelector("b")).toBeNull();
  });

  it("translates the agenda to Spanish", async () => {
    setLanguage("es");
    backend({ agenda: () => agenda([courtView({ assigned: 0 })]), reminders: () => [] });
    render(Home);
    expect(await screen.findByText("Faltan personas: 0 de 2")).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Inicio" })).toBeTruthy();
    setLanguage("en");
  });
});
