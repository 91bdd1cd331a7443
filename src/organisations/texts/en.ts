/** English texts of organisations and the SCB register (the Swedish ones are in ./sv.ts). */
import type { sv } from "./sv.js";

export const en: Record<keyof typeof sv, string> = {
  "error.org_number_taken": "An organisation with that organisation number already exists.",
  "kind.region": "Region",
  "kind.municipality": "Municipality",
  "kind.state_agency": "Government agency",
  "kind.academia": "University or college",
  "kind.company": "Company",
  "kind.association": "Association",
  "kind.other": "Other organisation",

  "orgs.title": "Organisations",
  "orgs.lead": "The register holds all 21 regions and 290 municipalities with their Statistics Sweden codes, and other organisations that have been added.",
  "orgs.search": "Search by name, municipality code, county code or organisation number",
  "orgs.results": "{count|# result|# results}",
  "orgs.created": "The organisation “{organisation}” is added to the register.",
  "orgs.add": "Add organisation",
  "orgs.addLead": "Only add an organisation that is not already in the register. Municipalities and regions are already there.",
  "orgs.code": "Code",
  "orgs.kind": "Kind",
  "orgs.orgNumber": "Organisation number",
  "orgs.source": "Source for municipalities and regions: {source}.",
};
