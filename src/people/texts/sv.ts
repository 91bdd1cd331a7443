/** Swedish texts of people's profiles. Klarspråk: short sentences, "du", active voice. */
export const sv = {
  "error.email_taken": "Det finns redan en person med den e-postadressen.",
} as const;
