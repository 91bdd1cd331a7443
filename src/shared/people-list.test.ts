import { describe, expect, it } from "vitest";
import { parsePeopleList } from "./people-list.js";

describe("lists of people, one per line", () => {
  it("reads names, addresses and how each takes part, in the forms people paste", () => {
    const { people, errors } = parsePeopleList(' Anna Berg <Anna.Berg@umea.se>\n"Bo Ek" <bo@umea.se> distans\n\ncia@umea.se\nDan Lind dan@umea.se, på plats', "people", { nameRequired: false, max: 10 });
    expect(errors).toEqual([]);
    expect(people).toEqual([
      { email: "anna.berg@umea.se", name: "Anna Berg", attendance: null, line: 1 },
      { email: "bo@umea.se", name: "Bo Ek", attendance: "remote", line: 2 },
      { email: "cia@umea.se", name: null, attendance: null, line: 4 },
      { email: "dan@umea.se", name: "Dan Lind", attendance: "onsite", line: 5 },
    ]);
  });

  it("tells every bad line by its number and what is wrong with it, all at once", () => {
    const { errors } = parsePeopleList("Anna <anna@umea.se>\nBo utan adress\n<cia@umea.se>\nDan <dan@>\nEva 800101-1234 <eva@umea.se>\nAnna igen <anna@umea.se>", "people", { nameRequired: true, max: 10 });
    expect(errors.map((e) => `${e.params?.line}:${e.key}`)).toEqual([
      "2:validation.line_email_missing",
      "3:validation.line_name_missing",
      "4:validation.line_email_invalid",
      "5:validation.line_personnummer",
      "6:validation.line_twice",
    ]);
  });

  it("asks for someone when the list is empty, and stops at the most allowed", () => {
    expect(parsePeopleList("  \n ", "people", { nameRequired: false, max: 10 }).errors.map((e) => e.key)).toEqual(["validation.required"]);
    expect(parsePeopleList("a@x.se\nb@x.se\nc@x.se", "people", { nameRequired: false, max: 2 }).errors.map((e) => e.key)).toEqual(["validation.too_many_lines"]);
  });
});
