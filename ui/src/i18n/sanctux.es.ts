// Spanish texts of the sanctuary rota's finishing touches. Same keys as sanctux.en.ts.
import type { sanctuxEn } from "./sanctux.en";

export const sanctuxEs: Record<keyof typeof sanctuxEn, string> = {
  "sanctux.nextTemplate": "Cree una plantilla de rotación para generar los turnos.",
  "sanctux.nextGenerate": "No hay turnos esta semana. Genérelos con una plantilla de rotación (más abajo).",
  "sanctux.withdraw": "Retirar la oferta",
  "sanctux.withdrawn": "Oferta retirada; el turno sigue siendo de {who}.",
  "sanctux.editTemplate": "Editar la plantilla",
  "sanctux.deleteTemplate": "Eliminar",
  "sanctux.deleteAsk": "¿Eliminar la plantilla «{name}»? Los turnos ya generados con ella se quedan como están.",
  "sanctux.deleteYes": "Sí, eliminarla",
  "sanctux.deleted": "Plantilla «{name}» eliminada. Los turnos ya generados con ella se quedan.",
  "sanctux.saved": "Plantilla «{name}» guardada. Los turnos ya generados conservan sus horas; vuelva a generar para aplicar las nuevas.",
};
