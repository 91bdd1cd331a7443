/** What the networks' forms and API take. */
import { z } from "zod";
import type { FieldLabels } from "../http/ui.js";
import { calendarDate, checkbox, email, formDate, formTime, id, optionalEmail, optionalId, optionalText, requiredText, slug } from "../shared/fields.js";
import { percent } from "../plans/schemas.js";
import { documentKinds, networkKinds } from "./schema.js";

const optionalDate = z
  .union([z.literal(""), calendarDate])
  .optional()
  .transform((v) => (v ? v : null));

const settings = {
  name: requiredText(120),
  kind: z.enum(networkKinds, { message: "validation.choose" }),
  description: optionalText(4000).transform((v) => v ?? null),
  contactName: optionalText(120).transform((v) => v ?? null),
  contactEmail: optionalEmail,
  membersPublic: checkbox,
  documentsPublic: checkbox,
};

export const NetworkSettingsForm = z.object(settings);
/** An address under /natverk/ that is not one of its pages. */
export const networkSlug = slug.refine((v) => v !== "ny", { message: "networks.error.slugTaken" });
export const NewNetworkForm = z.object({ spaceId: id, slug: networkSlug, ...settings });

export const MemberForm = z
  .object({ email, name: requiredText(120), organisationId: optionalId, positionId: id, fromOn: calendarDate, toOn: optionalDate, manages: checkbox })
  .refine((m) => m.toOn === null || m.fromOn <= m.toOn, { path: ["toOn"], message: "networks.error.termOrder" });
export const EndTermForm = z.object({ toOn: calendarDate });
export const PositionForm = z.object({ key: slug, label: requiredText(60), labelEn: requiredText(60) });

export const MeetingForm = z.object({ title: requiredText(200), date: formDate, start: formTime, end: formTime, venue: optionalText(200).transform((v) => v ?? null), publish: checkbox });
export const DocumentForm = z.object({ title: requiredText(200), kind: z.enum(documentKinds, { message: "validation.choose" }) });

export const DecisionForm = z.object({ eventId: optionalId, ref: optionalText(20).transform((v) => v ?? null), text: requiredText(4000), decidedOn: calendarDate });
export const DecisionActionForm = z.object({ actionPlanId: id, ref: requiredText(20), title: requiredText(200) });
export const DecisionUpdateForm = z.object({ actionId: id, statusId: id, progress: percent, comment: requiredText(2000) });

export const networkLabels: FieldLabels = {
  spaceId: "networks.field.space",
  slug: "networks.field.slug",
  name: "networks.field.name",
  kind: "networks.field.kind",
  description: "networks.field.description",
  contactName: "networks.field.contactName",
  contactEmail: "networks.field.contactEmail",
  email: "field.email",
  organisationId: "networks.field.organisation",
  positionId: "networks.field.position",
  fromOn: "networks.field.fromOn",
  toOn: "networks.field.toOn",
  key: "networks.field.key",
  label: "networks.field.label",
  labelEn: "networks.field.labelEn",
  title: "field.title",
  date: "networks.field.date",
  start: "networks.field.start",
  end: "networks.field.end",
  venue: "networks.field.venue",
  text: "networks.field.decision",
  ref: "networks.field.ref",
  decidedOn: "networks.field.decidedOn",
  eventId: "networks.field.meeting",
  actionPlanId: "networks.field.actionPlan",
  actionId: "networks.field.action",
  statusId: "networks.field.status",
  comment: "networks.field.comment",
  progress: "plans.field.progress",
};
