// English texts of the sanctuary rota's finishing touches: withdrawing a swap offer,
// deleting a rotation template, the next step for a site without shifts. Spread into `en`.
export const sanctuxEn = {
  "sanctux.nextTemplate": "Create a rotation template to generate shifts.",
  "sanctux.nextGenerate": "No shifts this week. Generate them from a rotation template below.",
  "sanctux.withdraw": "Withdraw offer",
  "sanctux.withdrawn": "Offer withdrawn; the shift stays with {who}.",
  "sanctux.editTemplate": "Edit template",
  "sanctux.deleteTemplate": "Delete",
  "sanctux.deleteAsk": "Delete the template “{name}”? Shifts already generated from it stay as they are.",
  "sanctux.deleteYes": "Yes, delete it",
  "sanctux.deleted": "Template “{name}” deleted. Shifts already generated from it stay.",
  "sanctux.saved": "Template “{name}” saved. Shifts already generated keep their old times; generate again for the new ones.",
} as const;
