/** Managing a network: settings, members' terms, positions, meetings (invitations, documents) and decisions into the plan. */
import type { NetworkAccess } from "../../auth/policy.js";
import { MATERIAL_ACCEPT } from "../../archive/views/organiser.js";
import { emptyForm, type FormState, type Ui } from "../../http/ui.js";
import { ActionForm, Checkbox, Csrf, ErrorSummary, FileField, scoped, Select, Submit, TextArea, TextField } from "../../http/views/forms.js";
import { Layout } from "../../http/views/layout.js";
import { dateTimeRange, isoDate } from "../../i18n/format.js";
import { pick, type MessageKey } from "../../i18n/messages.js";
import type { Status } from "../../plans/repository.js";
import type { Space } from "../../spaces/repository.js";
import type { Decision, DocumentRow, MeetingRow, MemberRow, Network, PlanChoices, Position } from "../repository.js";
import { documentKinds, networkKinds } from "../schema.js";
import { dayText, kindText } from "./public.js";

type Forms = Record<string, FormState>;

function SettingsFields({ ui, form }: { ui: Ui; form: FormState }) {
  return (
    <>
      <TextField form={form} name="name" label={ui.t("networks.field.name")} required maxlength={120} />
      <Select form={form} name="kind" label={ui.t("networks.field.kind")} options={networkKinds.map((k) => ({ value: k, label: kindText(ui, k) }))} />
      <TextArea form={form} name="description" label={`${ui.t("networks.field.description")} ${ui.t("common.optional")}`} maxlength={4000} />
      <TextField form={form} name="contactName" label={`${ui.t("networks.field.contactName")} ${ui.t("common.optional")}`} maxlength={120} />
      <TextField form={form} name="contactEmail" type="email" label={`${ui.t("networks.field.contactEmail")} ${ui.t("common.optional")}`} maxlength={254} />
      <Checkbox form={form} name="membersPublic" label={ui.t("networks.field.membersPublic")} />
      <Checkbox form={form} name="documentsPublic" label={ui.t("networks.field.documentsPublic")} />
    </>
  );
}

const settingsValues = (n: Network) => ({ name: n.name, kind: n.kind, description: n.description ?? "", contactName: n.contactName ?? "", contactEmail: n.contactEmail ?? "", membersPublic: n.membersPublic ? "on" : "", documentsPublic: n.documentsPublic ? "on" : "" });

export function NewNetworkPage({ ui, spaces, form }: { ui: Ui; spaces: Space[]; form: FormState }) {
  return (
    <Layout ui={ui} title={ui.t("networks.new")} hasErrors={Object.keys(form.errors).length > 0} crumbs={[{ href: "/natverk", label: ui.t("networks.title") }, { label: ui.t("networks.new") }]}>
      <h1 class="ds-heading" data-size="lg">{ui.t("networks.new")}</h1>
      <ErrorSummary ui={ui} form={form} />
      <form method="post" action="/natverk/ny" class="stack" novalidate>
        <Csrf ui={ui} />
        <Select form={form} name="spaceId" label={ui.t("networks.field.space")} options={spaces.map((s) => ({ value: s.id, label: s.name }))} />
        <TextField form={form} name="slug" label={ui.t("networks.field.slug")} hint={ui.t("networks.field.slugHint")} required maxlength={80} width="short" />
        <SettingsFields ui={ui} form={form} />
        <Submit>{ui.t("networks.create")}</Submit>
      </form>
    </Layout>
  );
}

function MeetingForms({ ui, base, meeting, documents, forms, maxBytes }: { ui: Ui; base: string; meeting: MeetingRow; documents: DocumentRow[]; forms: Forms; maxBytes: number }) {
  const scope = `doc-${meeting.eventId}`;
  const form = scoped(forms[scope] ?? emptyForm({ kind: "minutes" }), scope);
  return (
    <li>
      <strong>{meeting.title}</strong>, {dateTimeRange(meeting.startsAt, meeting.endsAt, ui.locale)} ({ui.t(`networks.status.${meeting.status}` as MessageKey)})
      <div class="row">
        <a class="ds-link" href={`/arrangor/evenemang/${meeting.eventId}`}>{ui.t("networks.eventAdmin")}</a>
        {meeting.status === "published" && <ActionForm ui={ui} action={`${base}/moten/${meeting.eventId}/bjud-in`} label={ui.t("networks.invite")} />}
      </div>
      {documents.length > 0 && (
        <ul class="ds-list">
          {documents.map((d) => (
            <li>
              {d.title} ({ui.t(`networks.doc.${d.kind}` as MessageKey)}) <ActionForm ui={ui} action={`${base}/dokument/${d.id}/ta-bort`} label={ui.t("networks.removeDocument", { title: d.title })} variant="tertiary" color="danger" />
            </li>
          ))}
        </ul>
      )}
      <details open={!!forms[scope]}>
        <summary>{ui.t("networks.addDocument", { title: meeting.title })}</summary>
        <form method="post" action={`${base}/moten/${meeting.eventId}/dokument`} enctype="multipart/form-data" class="stack" novalidate>
          <Csrf ui={ui} />
          <TextField form={form} name="title" label={ui.t("field.title")} required maxlength={200} />
          <Select form={form} name="kind" label={ui.t("networks.field.docKind")} options={documentKinds.map((k) => ({ value: k, label: ui.t(`networks.doc.${k}` as MessageKey) }))} />
          <FileField form={form} name="file" label={ui.t("networks.field.file")} hint={ui.t("archive.field.materialHint", { max: maxBytes / 1024 / 1024 })} accept={MATERIAL_ACCEPT} />
          <Submit variant="secondary">{ui.t("networks.upload")}</Submit>
        </form>
      </details>
    </li>
  );
}

function DecisionForms({ ui, base, decision, plans, statuses, forms }: { ui: Ui; base: string; decision: Decision; plans: PlanChoices; statuses: Status[]; forms: Forms }) {
  const act = scoped(forms[`act-${decision.id}`] ?? emptyForm({ title: decision.text.slice(0, 200), ref: decision.ref ? `B${decision.ref.replace(/\D/g, "")}` : "" }), `act-${decision.id}`);
  const upd = scoped(forms[`upd-${decision.id}`] ?? emptyForm({ comment: `${ui.t("networks.decision.commentPrefix")} ${[decision.ref, decision.decidedOn].filter(Boolean).join(", ")}: ${decision.text}`.slice(0, 2000) }), `upd-${decision.id}`);
  return (
    <>
      {plans.actionPlans.length > 0 && (
        <details open={!!forms[`act-${decision.id}`]}>
          <summary>{ui.t("networks.decision.toAction")}</summary>
          <form method="post" action={`${base}/beslut/${decision.id}/atgard`} class="stack" novalidate>
            <Csrf ui={ui} />
            <Select form={act} name="actionPlanId" label={ui.t("networks.field.actionPlan")} options={plans.actionPlans.map((y) => ({ value: y.id, label: y.label }))} />
            <TextField form={act} name="ref" label={ui.t("networks.field.actionRef")} hint={ui.t("networks.field.actionRefHint")} required maxlength={20} width="short" />
            <TextField form={act} name="title" label={ui.t("field.title")} required maxlength={200} />
            <Submit variant="secondary">{ui.t("networks.decision.makeAction")}</Submit>
          </form>
        </details>
      )}
      {plans.actions.length > 0 && (
        <details open={!!forms[`upd-${decision.id}`]}>
          <summary>{ui.t("networks.decision.toUpdate")}</summary>
          <form method="post" action={`${base}/beslut/${decision.id}/uppdatera`} class="stack" novalidate>
            <Csrf ui={ui} />
            <Select form={upd} name="actionId" label={ui.t("networks.field.action")} options={plans.actions.map((a) => ({ value: a.id, label: a.label }))} />
            <Select form={upd} name="statusId" label={ui.t("networks.field.status")} options={statuses.map((s) => ({ value: s.id, label: pick(ui.locale, s.label, s.labelEn) }))} />
            <TextField form={upd} name="progress" label={`${ui.t("plans.field.progress")} ${ui.t("common.optional")}`} hint={ui.t("networks.field.progressHint")} inputmode="numeric" maxlength={3} width="short" />
            <TextArea form={upd} name="comment" label={ui.t("networks.field.comment")} required maxlength={2000} rows={3} />
            <Submit variant="secondary">{ui.t("networks.decision.update")}</Submit>
          </form>
        </details>
      )}
    </>
  );
}

export function ManageNetworkPage(p: {
  ui: Ui;
  access: NetworkAccess;
  members: MemberRow[];
  positions: Position[];
  meetings: MeetingRow[];
  documents: DocumentRow[];
  decisions: Decision[];
  organisations: { id: string; name: string }[];
  plans: PlanChoices;
  statuses: Status[];
  forms: Forms;
  maxBytes: number;
}) {
  const { ui, forms } = p;
  const n = p.access.network;
  const base = `/natverk/${n.slug}/hantera`;
  const form = (scope: string, values: Record<string, string> = {}) => scoped(forms[scope] ?? emptyForm(values), scope);
  const hasErrors = Object.values(forms).some((f) => Object.keys(f.errors).length > 0 || f.message);
  const member = form("member", { positionId: p.positions.find((x) => x.key === "ledamot")?.id ?? p.positions[0]?.id ?? "" });
  const meeting = form("meeting", { publish: "on", start: "09:00", end: "12:00" });
  const decision = form("decision");
  return (
    <Layout ui={ui} title={`${ui.t("networks.manage")}: ${n.name}`} hasErrors={hasErrors} crumbs={[{ href: "/natverk", label: ui.t("networks.title") }, { href: `/natverk/${n.slug}`, label: n.name }, { label: ui.t("networks.manage") }]}>
      <h1 class="ds-heading" data-size="lg">{`${ui.t("networks.manage")}: ${n.name}`}</h1>
      {Object.entries(forms).map(([scope, f]) => <ErrorSummary ui={ui} form={scoped(f, scope)} />)}
      <section aria-labelledby="m-settings">
        <h2 class="ds-heading" data-size="md" id="m-settings">{ui.t("networks.settings")}</h2>
        <form method="post" action={base} class="stack" novalidate>
          <Csrf ui={ui} />
          <SettingsFields ui={ui} form={form("settings", settingsValues(n))} />
          <Submit>{ui.t("common.save")}</Submit>
        </form>
      </section>
      <section aria-labelledby="m-members">
        <h2 class="ds-heading" data-size="md" id="m-members">{ui.t("networks.members")}</h2>
        <ul class="ds-list">
          {p.members.map((m) => (
            <li>
              {`${pick(ui.locale, m.position, m.positionEn)}: ${m.name}${m.organisation ? `, ${m.organisation}` : ""}`} ({m.toOn ? ui.t("networks.term", { from: dayText(ui, m.fromOn), to: dayText(ui, m.toOn) }) : ui.t("networks.termOpen", { from: dayText(ui, m.fromOn) })})
              {m.manages && <> – {ui.t("networks.managesShort")}</>}
              {m.current && (
                <details open={!!forms[`end-${m.id}`]}>
                  <summary>{ui.t("networks.endTerm", { name: m.name })}</summary>
                  <form method="post" action={`${base}/medlemmar/${m.id}/avsluta`} class="row" novalidate>
                    <Csrf ui={ui} />
                    <TextField form={form(`end-${m.id}`)} name="toOn" type="date" label={ui.t("networks.field.toOn")} required width="short" />
                    <Submit variant="secondary">{ui.t("networks.endTermButton")}</Submit>
                  </form>
                </details>
              )}
            </li>
          ))}
        </ul>
        <details open={!!forms.member}>
          <summary>{ui.t("networks.addMember")}</summary>
          <form method="post" action={`${base}/medlemmar`} class="stack" novalidate>
            <Csrf ui={ui} />
            <TextField form={member} name="name" label={ui.t("field.name")} required maxlength={120} autocomplete="off" />
            <TextField form={member} name="email" type="email" label={ui.t("field.email")} hint={ui.t("networks.field.emailHint")} required maxlength={254} autocomplete="off" />
            <Select form={member} name="organisationId" label={`${ui.t("networks.field.organisation")} ${ui.t("common.optional")}`} options={[{ value: "", label: "–" }, ...p.organisations.map((o) => ({ value: o.id, label: o.name }))]} />
            <Select form={member} name="positionId" label={ui.t("networks.field.position")} options={p.positions.map((x) => ({ value: x.id, label: pick(ui.locale, x.label, x.labelEn) }))} />
            <TextField form={member} name="fromOn" type="date" label={ui.t("networks.field.fromOn")} required width="short" />
            <TextField form={member} name="toOn" type="date" label={`${ui.t("networks.field.toOn")} ${ui.t("common.optional")}`} width="short" />
            <Checkbox form={member} name="manages" label={ui.t("networks.field.manages")} />
            <Submit variant="secondary">{ui.t("networks.addMember")}</Submit>
          </form>
        </details>
        <details open={!!forms.position}>
          <summary>{ui.t("networks.addPosition")}</summary>
          <p class="ds-paragraph">{ui.t("networks.positionsNow", { list: p.positions.map((x) => pick(ui.locale, x.label, x.labelEn)).join(", ") })}</p>
          <form method="post" action={`${base}/positioner`} class="stack" novalidate>
            <Csrf ui={ui} />
            <TextField form={form("position")} name="key" label={ui.t("networks.field.key")} hint={ui.t("networks.field.keyHint")} required maxlength={30} width="short" />
            <TextField form={form("position")} name="label" label={ui.t("networks.field.label")} required maxlength={60} />
            <TextField form={form("position")} name="labelEn" label={ui.t("networks.field.labelEn")} required maxlength={60} />
            <Submit variant="secondary">{ui.t("networks.addPosition")}</Submit>
          </form>
        </details>
      </section>
      <section aria-labelledby="m-meetings">
        <h2 class="ds-heading" data-size="md" id="m-meetings">{ui.t("networks.meetings")}</h2>
        {forms.invite && <ErrorSummary ui={ui} form={scoped(forms.invite, "invite")} />}
        <ul class="ds-list">
          {p.meetings.map((m) => (
            <MeetingForms ui={ui} base={base} meeting={m} documents={p.documents.filter((d) => d.eventId === m.eventId)} forms={forms} maxBytes={p.maxBytes} />
          ))}
        </ul>
        <details open={!!forms.meeting}>
          <summary>{ui.t("networks.addMeeting")}</summary>
          <form method="post" action={`${base}/moten`} class="stack" novalidate>
            <Csrf ui={ui} />
            <TextField form={meeting} name="title" label={ui.t("field.title")} required maxlength={200} />
            <TextField form={meeting} name="date" type="date" label={ui.t("networks.field.date")} required width="short" />
            <TextField form={meeting} name="start" type="time" label={ui.t("networks.field.start")} required width="short" />
            <TextField form={meeting} name="end" type="time" label={ui.t("networks.field.end")} required width="short" />
            <TextField form={meeting} name="venue" label={`${ui.t("networks.field.venue")} ${ui.t("common.optional")}`} maxlength={200} />
            <Checkbox form={meeting} name="publish" label={ui.t("networks.field.publish")} />
            <Submit variant="secondary">{ui.t("networks.addMeeting")}</Submit>
          </form>
        </details>
      </section>
      <section aria-labelledby="m-decisions">
        <h2 class="ds-heading" data-size="md" id="m-decisions">{ui.t("networks.decisions")}</h2>
        <ul class="ds-list">
          {p.decisions.map((d) => (
            <li>
              <strong>{[d.ref, dayText(ui, d.decidedOn)].filter(Boolean).join(", ")}</strong>: {d.text}
              {d.actionId ? <> – {ui.t(d.actionRole === "created" ? "networks.decision.created" : "networks.decision.updated")}</> : <DecisionForms ui={ui} base={base} decision={d} plans={p.plans} statuses={p.statuses} forms={forms} />}
            </li>
          ))}
        </ul>
        <details open={!!forms.decision}>
          <summary>{ui.t("networks.addDecision")}</summary>
          <form method="post" action={`${base}/beslut`} class="stack" novalidate>
            <Csrf ui={ui} />
            <Select form={decision} name="eventId" label={`${ui.t("networks.field.meeting")} ${ui.t("common.optional")}`} options={[{ value: "", label: ui.t("networks.noMeetingChoice") }, ...p.meetings.map((m) => ({ value: m.eventId, label: `${m.title} (${isoDate(m.startsAt)})` }))]} />
            <TextField form={decision} name="ref" label={`${ui.t("networks.field.ref")} ${ui.t("common.optional")}`} hint={ui.t("networks.field.refHint")} maxlength={20} width="short" />
            <TextArea form={decision} name="text" label={ui.t("networks.field.decision")} required maxlength={4000} rows={3} />
            <TextField form={decision} name="decidedOn" type="date" label={ui.t("networks.field.decidedOn")} required width="short" />
            <Submit variant="secondary">{ui.t("networks.addDecision")}</Submit>
          </form>
        </details>
      </section>
    </Layout>
  );
}
