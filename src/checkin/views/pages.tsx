/** The check-in pages (for phones and laptops at the entrance) and the event's roles page. */
import type { FormState, Ui } from "../../http/ui.js";
import { Csrf, ErrorSummary, Select, Submit, TextField, Checkbox, scoped } from "../../http/views/forms.js";
import { Layout } from "../../http/views/layout.js";
import { capitalise } from "../../i18n/messages.js";
import { clock } from "../../i18n/format.js";
import type { EventWithSpace } from "../../events/repository.js";
import { EventAdminNav } from "../../events/views/event-nav.js";
import { TableScroll } from "../../http/views/table.js";
import { LIMITS } from "../../shared/fields.js";
import { raw } from "hono/html";
import type { CheckinList, Found, RedeemResult } from "../service.js";
import type { EventRoleKind } from "../schema.js";

type Counts = { expected: number; arrived: number; onsite: { expected: number; arrived: number }; remote: { expected: number; arrived: number } };

const crumbs = (ui: Ui, event: EventWithSpace, last?: string) => [
  { href: "/arrangor", label: ui.t("org.title") },
  { href: `/arrangor/evenemang/${event.id}`, label: event.titleSv },
  ...(last ? [{ href: `/arrangor/evenemang/${event.id}/incheckning`, label: ui.t("checkin.title") }, { label: last }] : [{ label: ui.t("checkin.title") }]),
];

/** "3 av 40 har kommit · På plats 3/30, på distans 0/10 · 37 har inte kommit". */
export const countText = (ui: Pick<Ui, "t">, counts: Counts) =>
  [
    ui.t("checkin.counts", { arrived: counts.arrived, expected: counts.expected }),
    ui.t("checkin.countsBy", { onsite: `${counts.onsite.arrived}/${counts.onsite.expected}`, remote: `${counts.remote.arrived}/${counts.remote.expected}` }),
    ui.t("checkin.notYet", { count: Math.max(0, counts.expected - counts.arrived) }),
  ].join(" · ");

/** A list's counts; the page's script keeps them current (and a screen reader hears a change, politely). */
function CountLine({ ui, counts, listId }: { ui: Ui; counts: Counts; listId: string }) {
  return <p class="ds-paragraph count-line" data-counts={listId} aria-live="polite">{countText(ui, counts)}</p>;
}

export function CheckinListsPage(p: { ui: Ui; event: EventWithSpace; lists: { list: CheckinList; counts: Counts }[]; sessions: { id: string; titleSv: string }[]; canConfigure: boolean; form: FormState }) {
  const { ui, event } = p;
  const base = `/arrangor/evenemang/${event.id}/incheckning`;
  const form = scoped(p.form, "list");
  return (
    <Layout ui={ui} title={`${ui.t("checkin.title")}: ${event.titleSv}`} hasErrors={Object.keys(form.errors).length > 0} crumbs={crumbs(ui, event)} scripts={["/assets/checkin.js"]}>
      <div id="checkin-counts" data-source={`${base}/antal.json`} hidden></div>
      <h1 class="ds-heading" data-size="lg">{`${ui.t("checkin.title")}: ${event.titleSv}`}</h1>
      {p.canConfigure && <EventAdminNav ui={ui} event={event} current="checkin" />}
      <p class="ds-paragraph">{ui.t("checkin.lead")}</p>
      <h2 class="ds-heading" data-size="md">{ui.t("checkin.lists")}</h2>
      <ul class="event-list">
        {p.lists.map(({ list, counts }) => (
          <li class="event-card">
            <h3 class="ds-heading" data-size="sm"><a class="ds-link" href={`${base}/${list.id}`}>{list.name}</a></h3>
            <p class="meta">{[list.sessionId ? ui.t("checkin.forSession", { session: p.sessions.find((x) => x.id === list.sessionId)?.titleSv ?? "–" }) : null, list.attendance ? ui.t(`reg.attendance.${list.attendance}`) : ui.t("checkin.everyone"), list.allowReentry ? ui.t("checkin.reentry") : null].filter(Boolean).join(" · ")}</p>
            <CountLine ui={ui} counts={counts} listId={list.id} />
          </li>
        ))}
      </ul>
      {p.canConfigure && (
        <section>
          <h2 class="ds-heading" data-size="md">{ui.t("checkin.newList")}</h2>
          <ErrorSummary ui={ui} form={form} />
          <form method="post" action={base} class="stack" novalidate>
            <Csrf ui={ui} />
            <TextField form={form} name="name" label={ui.t("checkin.listName")} required maxlength={LIMITS.shortText} />
            <Select form={form} name="attendance" label={ui.t("checkin.listAttendance")} options={[{ value: "", label: ui.t("checkin.listAll") }, { value: "onsite", label: ui.t("reg.attendance.onsite") }, { value: "remote", label: ui.t("reg.attendance.remote") }]} />
            {p.sessions.length > 0 && <Select form={form} name="sessionId" label={ui.t("checkin.listSession")} options={[{ value: "", label: ui.t("checkin.listNoSession") }, ...p.sessions.map((x) => ({ value: x.id, label: x.titleSv }))]} />}
            <Checkbox form={form} name="allowReentry" label={ui.t("checkin.allowReentry")} />
            <Submit variant="secondary">{ui.t("checkin.createList")}</Submit>
          </form>
        </section>
      )}
    </Layout>
  );
}

const good = (r: RedeemResult) => r.kind === "ok";

function resultText(ui: Ui, r: RedeemResult): string {
  switch (r.kind) {
    case "ok":
      return ui.t("checkin.result.ok", { name: r.name });
    case "already":
    case "conflict":
      return ui.t(`checkin.result.${r.kind}`, { name: r.name, time: clock(r.at, ui.locale) });
    case "wrong_attendance":
      return ui.t("checkin.result.wrong_attendance", { name: r.name, attendance: ui.t(`reg.attendance.${r.attendance}`).toLowerCase() });
    case "cancelled":
    case "not_confirmed":
    case "not_in_session":
    case "revoked":
      return ui.t(`checkin.result.${r.kind}`, { name: r.name });
    default:
      return ui.t(`checkin.result.${r.kind}`);
  }
}

/**
 * One station: the last answer big, in colour and words (and a sound, where scripts run);
 * the code field for a hand scanner; search by name with one press to check in. Each
 * button carries its own nonce, so a second press or a slow network checks in once.
 */
/** The words the station's script shows by itself (offline answers, the queue, the camera), as templates. */
const scriptTexts = (ui: Ui) =>
  Object.fromEntries(
    (
      [
        "checkin.result.ok", "checkin.result.already", "checkin.result.conflict", "checkin.result.cancelled", "checkin.result.not_confirmed", "checkin.result.wrong_attendance",
        "checkin.result.not_in_session", "checkin.result.revoked", "checkin.result.wrong_event", "checkin.result.invalid", "checkin.offline.banner", "checkin.offline.ready", "checkin.offline.failed",
        "checkin.offline.queued", "checkin.offline.sent", "checkin.offline.madeOffline", "checkin.offline.unknown", "checkin.camera.denied", "checkin.camera.looking",
        "reg.attendance.onsite", "reg.attendance.remote",
      ] as const
    ).map((k) => [k, ui.t(k)]),
  );

/**
 * One station: the last answer big, in colour and words (and a sound, where scripts run);
 * the code field for a hand scanner, or the camera; search by name with one press to
 * check in. Each button carries its own nonce, so a second press or a slow network
 * checks in once. With scripts, the page also keeps the list for going offline (see
 * /assets/checkin.js); without, every form works as it is.
 */
export function CheckinStationPage(p: { ui: Ui; event: EventWithSpace; list: CheckinList; counts: Counts; q: string; found: Found[] | null; result: RedeemResult | null; conflicts: { name: string; at: Date; firstAt: Date }[]; nonce: () => string }) {
  const { ui, event, list } = p;
  const action = `/arrangor/evenemang/${event.id}/incheckning/${list.id}`;
  const codeForm: FormState = { values: {}, errors: {}, id: "code" };
  return (
    <Layout ui={ui} title={`${list.name}: ${event.titleSv}`} crumbs={crumbs(ui, event, list.name)} scripts={["/assets/jsqr.js", "/assets/checkin.js"]}>
      <h1 class="ds-heading" data-size="lg">{`${list.name}: ${event.titleSv}`}</h1>
      <CountLine ui={ui} counts={p.counts} listId={list.id} />
      <div id="checkin-counts" data-source={`/arrangor/evenemang/${event.id}/incheckning/antal.json`} hidden></div>
      <div id="checkin-station" data-action={action} data-list={list.id} data-locale={ui.locale} data-reentry={list.allowReentry ? "1" : ""} data-attendance={list.attendance ?? ""} hidden></div>
      <script type="application/json" id="checkin-texts">{raw(JSON.stringify(scriptTexts(ui)).replace(/</g, "\\u003c"))}</script>
      <p id="checkin-offline" class="ds-paragraph offline-status" role="status" aria-live="polite"></p>
      <div id="checkin-answer" aria-live="polite">
        {p.result && (
          <div class={`checkin-result ${good(p.result) ? "checkin-ok" : "checkin-refused"}`} role="status" data-sound={good(p.result) ? "ok" : "refused"} tabindex={-1} data-autofocus>
            <p class="checkin-word">{good(p.result) ? "✓" : "✗"}</p>
            <p class="ds-paragraph checkin-text">{resultText(ui, p.result)}</p>
            {p.result.kind === "ok" && p.result.organisationName && <p class="ds-paragraph">{p.result.organisationName}</p>}
          </div>
        )}
      </div>
      <div class="camera" id="checkin-camera" hidden>
        <button type="button" class="ds-button" data-variant="secondary" id="camera-toggle" data-start={ui.t("checkin.camera.start")} data-stop={ui.t("checkin.camera.stop")}>{ui.t("checkin.camera.start")}</button>
        <video id="camera-video" playsinline muted aria-label={ui.t("checkin.camera.label")} hidden></video>
      </div>
      <form method="post" action={action} class="stack" novalidate id="checkin-code-form">
        <Csrf ui={ui} />
        <input type="hidden" name="nonce" value={p.nonce()} />
        <TextField form={codeForm} name="code" label={ui.t("checkin.code")} hint={ui.t("checkin.codeHint")} maxlength={200} autocomplete="off" />
        <Submit>{ui.t("checkin.redeem")}</Submit>
      </form>
      <form method="get" action={action} class="row" role="search">
        <div class="ds-field">
          <label class="ds-label" for="f-search-q">{capitalise(ui.t("checkin.search"))}</label>
          <input class="ds-input" id="f-search-q" name="q" type="search" value={p.q} maxlength={100} autocomplete="off" />
        </div>
        <button type="submit" class="ds-button" data-variant="secondary">{ui.t("checkin.searchButton")}</button>
      </form>
      {p.found && (
        <>
          <p class="ds-paragraph" role="status">{p.found.length === 0 ? ui.t("checkin.noneFound") : ui.t("checkin.found", { count: p.found.length })}</p>
          {p.found.length > 0 && (
            <TableScroll label={ui.t("checkin.found", { count: p.found.length })}>
              <table class="ds-table">
                <thead><tr><th scope="col">{capitalise(ui.t("field.name"))}</th><th scope="col">{capitalise(ui.t("field.organisation"))}</th><th scope="col">{ui.t("reg.attendance")}</th><th scope="col"><span class="visually-hidden">{ui.t("checkin.redeem")}</span></th></tr></thead>
                <tbody>
                  {p.found.map((f) => (
                    <tr>
                      <td>{f.name}</td>
                      <td>{f.organisationName ?? ""}</td>
                      <td>{ui.t(`reg.attendance.${f.attendance}`)}</td>
                      <td>
                        {f.checkedInAt && !list.allowReentry ? (
                          ui.t("checkin.checkedInAt", { time: clock(f.checkedInAt, ui.locale) })
                        ) : (
                          <form method="post" action={`${action}?q=${encodeURIComponent(p.q)}`} class="inline-form">
                            <Csrf ui={ui} />
                            <input type="hidden" name="nonce" value={p.nonce()} />
                            <input type="hidden" name="registrationId" value={f.registrationId} />
                            <button type="submit" class="ds-button" data-variant="primary">{ui.t("checkin.checkInPerson", { name: f.name })}</button>
                          </form>
                        )}
                        {f.attendance === "onsite" && <> <a class="ds-link" href={`/arrangor/evenemang/${event.id}/namnbrickor.pdf?layout=single&qr=on&registration=${f.registrationId}`}>{ui.t("badges.printFor", { name: f.name })}</a></>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </>
      )}
      <Conflicts ui={ui} conflicts={p.conflicts} />
    </Layout>
  );
}

function Conflicts({ ui, conflicts }: { ui: Ui; conflicts: { name: string; at: Date; firstAt: Date }[] }) {
  if (conflicts.length === 0) return null;
  return (
    <section aria-labelledby="conflicts-heading">
      <h2 class="ds-heading" data-size="sm" id="conflicts-heading">{ui.t("checkin.conflicts")}</h2>
      <p class="ds-paragraph">{ui.t("checkin.conflictsLead")}</p>
      <ul>{conflicts.map((x) => <li>{ui.t("checkin.conflictLine", { name: x.name, first: clock(x.firstAt, ui.locale), at: clock(x.at, ui.locale) })}</li>)}</ul>
    </section>
  );
}

export function RolesPage(p: { ui: Ui; event: EventWithSpace; roles: { personId: string; role: EventRoleKind; name: string; email: string | null }[]; form: FormState }) {
  const { ui, event } = p;
  const base = `/arrangor/evenemang/${event.id}/roller`;
  return (
    <Layout ui={ui} title={`${ui.t("roles.title")}: ${event.titleSv}`} hasErrors={Object.keys(p.form.errors).length > 0} crumbs={[{ href: "/arrangor", label: ui.t("org.title") }, { href: `/arrangor/evenemang/${event.id}`, label: event.titleSv }, { label: ui.t("roles.title") }]}>
      <h1 class="ds-heading" data-size="lg">{`${ui.t("roles.title")}: ${event.titleSv}`}</h1>
      <EventAdminNav ui={ui} event={event} current="roles" />
      <p class="ds-paragraph">{ui.t("roles.lead")}</p>
      {p.roles.length === 0 ? <p class="ds-paragraph">{ui.t("roles.none")}</p> : (
        <ul class="people-list">
          {p.roles.map((r) => (
            <li>
              {`${r.name}${r.email ? ` (${r.email})` : ""} – ${ui.t(`roles.kind.${r.role}`)} `}
              <form method="post" action={`${base}/${r.personId}/${r.role}/ta-bort`} class="inline-form">
                <Csrf ui={ui} />
                <button type="submit" class="ds-button" data-variant="tertiary" data-size="sm">{ui.t("roles.withdraw", { role: ui.t(`roles.kind.${r.role}`).toLowerCase(), name: r.name })}</button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <ErrorSummary ui={ui} form={p.form} />
      <form method="post" action={base} class="stack" novalidate>
        <Csrf ui={ui} />
        <TextField form={p.form} name="email" type="email" label={ui.t("roles.email")} required maxlength={LIMITS.email} />
        <Select form={p.form} name="role" label={ui.t("roles.role")} options={(["checkin", "moderator"] as const).map((r) => ({ value: r, label: ui.t(`roles.kind.${r}`) }))} />
        <Submit variant="secondary">{ui.t("roles.grant")}</Submit>
      </form>
    </Layout>
  );
}
