/** Swedish texts of the platform admin's pages. Klarspråk: short sentences, "du", active voice. */
export const sv = {
  "admin.title": "Administration",
  "admin.pnr.title": "Personnummer som finns lagrade",
  "admin.pnr.lead": "Fritext tar inte emot personnummer. Här syns var sådana finns sparade sedan tidigare: i namn, beskrivningar, svar och skickade mejl. Själva numren visas inte. Rätta eller radera uppgifterna där de finns.",
  "admin.pnr.none": "Inga personnummer hittades.",
  "admin.pnr.count": "{count|# ställe hittades.|# ställen hittades.}",
  "admin.pnr.more": "Listan visar de första {count}. Rätta dem och titta sedan igen.",
  "admin.pnr.table": "Tabell",
  "admin.pnr.column": "Fält",
  "admin.pnr.row": "Rad",
  "admin.pnr.excerpt": "Utdrag (numret dolt)",
} as const;
