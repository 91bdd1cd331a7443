/** English texts of the platform admin's pages (the Swedish ones are in ./sv.ts). */
import type { sv } from "./sv.js";

export const en: Record<keyof typeof sv, string> = {
  "admin.title": "Administration",
  "admin.pnr.title": "Personal identity numbers that are stored",
  "admin.pnr.lead": "Free text does not accept personal identity numbers. This shows where some are stored from before: in names, descriptions, answers and sent mails. The numbers themselves are not shown. Correct or erase the data where it is.",
  "admin.pnr.none": "No personal identity numbers were found.",
  "admin.pnr.count": "{count|# place was found.|# places were found.}",
  "admin.pnr.more": "The list shows the first {count}. Correct them and look again.",
  "admin.pnr.table": "Table",
  "admin.pnr.column": "Field",
  "admin.pnr.row": "Row",
  "admin.pnr.excerpt": "Excerpt (number hidden)",
};
