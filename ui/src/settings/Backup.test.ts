import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import Backup from "./Backup.svelte";
import { backend } from "../test/fixtures";
import { setLanguage } from "../i18n/index.svelte";

async function type(label: string, value: string) {
  await fireEvent.input(screen.getByLabelText(label), { target: { value } });
}

describe("backup and restore in Settings", () => {
  it("makes a backup only when the passphrase is typed twice alike, and says where it went", async () => {
    setLanguage("en");
    const made: unknown[] = [];
    backend({ backup_store: (a) => { made.push([a.path, a.passphrase]); return 4096; } });
    render(Backup);
    await type("Save the backup to", "/media/usb/amparo-backup.age");
    await type("Backup passphrase", "lantern meadow copper tide");
    await type("Backup passphrase again", "lantern meadow copper");
    expect(screen.getByText("The two passphrases differ.")).toBeTruthy();
    const make = screen.getByRole("button", { name: "Make the backup" }) as HTMLButtonElement;
    expect(make.disabled).toBe(true);
    await type("Backup passphrase again", "lantern meadow copper tide");
    expect(make.disabled).toBe(false);
    await fireEvent.click(make);
    expect((await screen.findByTestId("backup-done")).textContent).toBe("Backup written to /media/usb/amparo-backup.age.");
    expect(made).toEqual([["/media/usb/amparo-backup.age", "lantern meadow copper tide"]]);
    expect((screen.getByLabelText("Backup passphrase") as HTMLInputElement).value).toBe("");
  });

  it("restores as a new device unless told it replaces a lost laptop, which it warns of (in Spanish too)", async () => {
    setLanguage("es");
    const asked: unknown[] = [];
    backend({ restore_store: (a) => { asked.push(a); return { state: "unlocked" }; } });
    render(Backup);
    await type("Archivo de la copia", "/media/usb/amparo-backup.age");
    await type("Carpeta vacía donde restaurar", "/home/ana/amparo-restaurado");
    await type("La frase de contraseña de la copia", "lantern meadow copper tide");
    await type("La frase de contraseña del almacén (la que lo desbloqueaba)", "river stone candle oak");
    await fireEvent.click(screen.getByLabelText(/Reemplaza una computadora perdida/));
    expect(screen.getByRole("note").textContent).toContain("dos computadoras que firman como un solo dispositivo");
    await fireEvent.click(screen.getByLabelText(/Reemplaza una computadora perdida/));
    await fireEvent.click(screen.getByRole("button", { name: "Restaurar" }));
    await waitFor(() => expect(asked).toHaveLength(1));
    expect(asked[0]).toEqual({
      file: "/media/usb/amparo-backup.age", dir: "/home/ana/amparo-restaurado", backupPassphrase: "lantern meadow copper tide",
      storePassphrase: "river stone candle oak", replacesLostDevice: false,
    });
    setLanguage("en");
  });
});
