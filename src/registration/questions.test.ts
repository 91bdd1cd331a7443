import { describe, expect, it } from "vitest";
import { AppError } from "../http/errors.js";
import { looksLikePersonnummer } from "../shared/personnummer.js";
import { validateAnswers, type QuestionForRules } from "./questions.js";

const q = (o: Partial<QuestionForRules> & Pick<QuestionForRules, "id" | "kind">): QuestionForRules => ({
  labelSv: `Fråga ${o.id}`,
  labelEn: null,
  options: [],
  required: false,
  sensitive: false,
  showIfQuestionId: null,
  showIfValue: null,
  ...o,
});

const diet = q({ id: "diet", kind: "yes_no", labelSv: "Behöver du specialkost?", required: true });
const dietWhich = q({ id: "which", kind: "multiple_choice", labelSv: "Vilken?", sensitive: true, required: true, showIfQuestionId: "diet", showIfValue: "yes", options: [{ value: "veg", sv: "Vegetarisk" }, { value: "gluten", sv: "Glutenfri" }] });
const role = q({ id: "role", kind: "single_choice", options: [{ value: "chef", sv: "Chef" }, { value: "politiker", sv: "Politiker" }] });
const note = q({ id: "note", kind: "long_text" });
const all = [diet, dietWhich, role, note];

const errorsOf = (fn: () => unknown) => {
  try {
    fn();
    return [];
  } catch (e) {
    return (e as AppError).fields.map((f) => `${f.field}:${f.key}`);
  }
};

describe("registration questions", () => {
  it("keeps visible answers, splits sensitive ones and drops hidden and unknown ones", () => {
    expect(validateAnswers(all, { diet: "yes", which: ["veg", "veg"], role: "chef", extra: "x" }, "sv")).toEqual({
      answers: { diet: "yes", role: "chef" },
      sensitiveAnswers: { which: ["veg"] },
    });
    expect(validateAnswers(all, { diet: "no", which: ["veg"] }, "sv")).toEqual({ answers: { diet: "no" }, sensitiveAnswers: {} });
  });
  it("requires required questions only when they are shown", () => {
    expect(errorsOf(() => validateAnswers(all, {}, "sv"))).toEqual(["answers.diet:reg.error.answer_required"]);
    expect(errorsOf(() => validateAnswers(all, { diet: "yes" }, "sv"))).toEqual(["answers.which:reg.error.answer_required"]);
  });
  it("refuses options that do not exist, wrong types and long texts", () => {
    expect(errorsOf(() => validateAnswers(all, { diet: "kanske" }, "sv"))).toContain("answers.diet:reg.error.answer");
    expect(errorsOf(() => validateAnswers(all, { diet: "no", role: "kung" }, "sv"))).toContain("answers.role:reg.error.answer");
    expect(errorsOf(() => validateAnswers(all, { diet: "yes", which: ["<script>"] }, "sv"))).toContain("answers.which:reg.error.answer");
    expect(errorsOf(() => validateAnswers(all, { diet: 5 }, "sv"))).toContain("answers.diet:reg.error.answer");
    expect(errorsOf(() => validateAnswers(all, { diet: "no", note: "x".repeat(2001) }, "sv"))).toContain("answers.note:validation.too_long");
  });
  it("never accepts a personnummer", () => {
    expect(looksLikePersonnummer("19850412-1234")).toBe(true);
    expect(looksLikePersonnummer("850412-1234")).toBe(true);
    expect(looksLikePersonnummer("198504121234")).toBe(true);
    expect(looksLikePersonnummer("Ring 090-123 45 67")).toBe(false);
    expect(looksLikePersonnummer("Umeå 2480")).toBe(false);
    expect(errorsOf(() => validateAnswers(all, { diet: "no", note: "Mitt nummer är 850412-1234" }, "sv"))).toEqual(["answers.note:reg.error.personnummer"]);
  });
});
