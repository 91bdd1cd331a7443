/** Swedish texts of organisations and the SCB register. Klarspråk: short sentences, "du", active voice. */
export const sv = {
  "error.org_number_taken": "Det finns redan en organisation med det organisationsnumret.",
  "kind.region": "Region",
  "kind.municipality": "Kommun",
  "kind.state_agency": "Statlig myndighet",
  "kind.academia": "Universitet eller högskola",
  "kind.company": "Företag",
  "kind.association": "Förening eller förbund",
  "kind.other": "Annan organisation",

  "orgs.title": "Organisationer",
  "orgs.lead": "Registret har alla 21 regioner och 290 kommuner med SCB:s koder, och andra organisationer som har lagts till.",
  "orgs.search": "Sök på namn, kommunkod, länskod eller organisationsnummer",
  "orgs.results": "{count|# träff|# träffar}",
  "orgs.created": "Organisationen ”{organisation}” är tillagd i registret.",
  "orgs.add": "Lägg till organisation",
  "orgs.addLead": "Lägg bara till en organisation som inte redan finns i registret. Kommuner och regioner finns redan.",
  "orgs.code": "Kod",
  "orgs.kind": "Typ",
  "orgs.orgNumber": "Organisationsnummer",
  "orgs.source": "Källa för kommuner och regioner: {source}.",
} as const;
