/** Networks as everyone sees them: the list, a network's page, and a member's own networks. */
import type { NetworkAccess } from "../../auth/policy.js";
import type { Ui } from "../../http/ui.js";
import { Layout } from "../../http/views/layout.js";
import { TableScroll } from "../../http/views/table.js";
import { dateTimeRange, longDate, stockholmToInstant } from "../../i18n/format.js";
import { pick, type MessageKey } from "../../i18n/messages.js";
import { sizeText } from "../../archive/views/session.js";
import { ActionProgress } from "../../plans/views/figure.js";
import type { Decision, DocumentRow, MeetingRow, MemberRow, Network, NetworkAction } from "../repository.js";
import type { NetworkKind } from "../schema.js";

export const kindText = (ui: Ui, kind: NetworkKind) => ui.t(`networks.kind.${kind}` as MessageKey);
export const dayText = (ui: Ui, day: string) => longDate(stockholmToInstant(day, "12:00")!, ui.locale);
const termText = (ui: Ui, m: Pick<MemberRow, "fromOn" | "toOn">) => (m.toOn ? ui.t("networks.term", { from: dayText(ui, m.fromOn), to: dayText(ui, m.toOn) }) : ui.t("networks.termOpen", { from: dayText(ui, m.fromOn) }));

export function NetworksPage({ ui, networks, mayCreate }: { ui: Ui; networks: Network[]; mayCreate: boolean }) {
  return (
    <Layout ui={ui} title={ui.t("networks.title")}>
      <h1 class="ds-heading" data-size="lg">{ui.t("networks.title")}</h1>
      <p class="ds-paragraph">{ui.t("networks.lead")}</p>
      {mayCreate && <p class="ds-paragraph"><a class="ds-link" href="/natverk/ny">{ui.t("networks.new")}</a></p>}
      {ui.actor && <p class="ds-paragraph"><a class="ds-link" href="/mina-natverk">{ui.t("networks.mine")}</a></p>}
      {networks.length === 0 ? (
        <p class="ds-paragraph">{ui.t("networks.none")}</p>
      ) : (
        <ul class="ds-list">
          {networks.map((n) => (
            <li>
              <a class="ds-link" href={`/natverk/${n.slug}`}>{n.name}</a> ({kindText(ui, n.kind)}){n.description && <>: {n.description.split("\n")[0]}</>}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export function MeetingList({ ui, meetings, documents, slug, now }: { ui: Ui; meetings: MeetingRow[]; documents: DocumentRow[] | null; slug: string; now: Date }) {
  if (meetings.length === 0) return <p class="ds-paragraph">{ui.t("networks.noMeetings")}</p>;
  return (
    <ul class="ds-list">
      {meetings.map((m) => {
        const docs = documents?.filter((d) => d.eventId === m.eventId) ?? [];
        return (
          <li>
            {m.status === "draft" ? m.title : <a class="ds-link" href={`/evenemang/${m.slug}`}>{m.title}</a>}, {dateTimeRange(m.startsAt, m.endsAt, ui.locale)}
            {m.venue && <>, {m.venue}</>}
            {m.status === "draft" && <> ({ui.t("networks.draft")})</>}
            {m.status === "cancelled" && <> ({ui.t("networks.cancelled")})</>}
            {m.endsAt < now && docs.length === 0 && documents !== null && <> – {ui.t("networks.noDocuments")}</>}
            {docs.length > 0 && (
              <ul class="ds-list">
                {docs.map((d) => (
                  <li>
                    <a class="ds-link" href={`/natverk/${slug}/dokument/${d.id}/${encodeURIComponent(d.filename)}`}>{d.title}</a> ({ui.t(`networks.doc.${d.kind}` as MessageKey)}, {sizeText(ui, d.size)})
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ul>
  );
}

export function ActionTable({ ui, actions, caption }: { ui: Ui; actions: NetworkAction[]; caption: string }) {
  return (
    <TableScroll label={caption}>
      <table class="ds-table" data-size="sm">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{ui.t("networks.col.action")}</th>
            <th scope="col">{ui.t("networks.col.plan")}</th>
            <th scope="col">{ui.t("networks.col.status")}</th>
            <th scope="col">{ui.t("networks.col.progress")}</th>
          </tr>
        </thead>
        <tbody>
          {actions.map((a) => (
            <tr>
              <th scope="row"><a class="ds-link" href={`/planer/${a.planSlug}/atgarder/${a.id}`}>{`${a.ref} ${a.title}`}</a></th>
              <td>{`${a.planTitle} ${a.year}`}</td>
              <td>{pick(ui.locale, a.status, a.statusEn)}</td>
              <td><ActionProgress ui={ui} progress={a.progress} title={`${a.ref} ${a.title}`} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function Members({ ui, members }: { ui: Ui; members: MemberRow[] }) {
  const current = members.filter((m) => m.current);
  const former = members.filter((m) => !m.current);
  const row = (m: MemberRow) => (
    <li>
      <strong>{pick(ui.locale, m.position, m.positionEn)}</strong>: {m.name}
      {m.organisation && <>, {m.organisation}</>} <span data-size="sm">({termText(ui, m)})</span>
    </li>
  );
  return (
    <>
      {current.length === 0 ? <p class="ds-paragraph">{ui.t("networks.noMembers")}</p> : <ul class="ds-list">{current.map(row)}</ul>}
      {former.length > 0 && (
        <details>
          <summary>{ui.t("networks.former", { count: former.length })}</summary>
          <ul class="ds-list">{former.map(row)}</ul>
        </details>
      )}
    </>
  );
}

export function DecisionList({ ui, decisions, meetings }: { ui: Ui; decisions: Decision[]; meetings: MeetingRow[] }) {
  if (decisions.length === 0) return <p class="ds-paragraph">{ui.t("networks.noDecisions")}</p>;
  return (
    <ul class="ds-list">
      {decisions.map((d) => {
        const meeting = meetings.find((m) => m.eventId === d.eventId);
        return (
          <li id={`beslut-${d.id}`}>
            <strong>{[d.ref, dayText(ui, d.decidedOn)].filter(Boolean).join(", ")}</strong>
            {meeting && <> ({meeting.title})</>}: {d.text}
            {d.actionId && <> – {ui.t(d.actionRole === "created" ? "networks.decision.created" : "networks.decision.updated")}</>}
          </li>
        );
      })}
    </ul>
  );
}

export function NetworkPage(p: { ui: Ui; access: NetworkAccess; members: MemberRow[] | null; meetings: MeetingRow[]; documents: DocumentRow[] | null; decisions: Decision[]; actions: NetworkAction[]; now: Date }) {
  const { ui, access } = p;
  const n = access.network;
  return (
    <Layout ui={ui} title={n.name} crumbs={[{ href: "/natverk", label: ui.t("networks.title") }, { label: n.name }]}>
      <h1 class="ds-heading" data-size="lg">{n.name}</h1>
      <p class="ds-paragraph" data-size="sm">{kindText(ui, n.kind)}</p>
      {n.description && n.description.split(/\n{2,}/).map((para) => <p class="ds-paragraph">{para}</p>)}
      {(n.contactName || n.contactEmail) && (
        <p class="ds-paragraph">
          {ui.t("networks.contact")}: {n.contactName}
          {n.contactEmail && <> <a class="ds-link" href={`mailto:${n.contactEmail}`}>{n.contactEmail}</a></>}
        </p>
      )}
      {access.manages && <p class="ds-paragraph"><a class="ds-link" href={`/natverk/${n.slug}/hantera`}>{ui.t("networks.manage")}</a></p>}
      <section aria-labelledby="n-members">
        <h2 class="ds-heading" data-size="md" id="n-members">{ui.t("networks.members")}</h2>
        {p.members ? <Members ui={ui} members={p.members} /> : <p class="ds-paragraph">{ui.t("networks.membersHidden")}</p>}
      </section>
      <section aria-labelledby="n-meetings">
        <h2 class="ds-heading" data-size="md" id="n-meetings">{ui.t("networks.meetings")}</h2>
        {p.documents === null && p.meetings.length > 0 && <p class="ds-paragraph">{ui.t("networks.documentsHidden")}</p>}
        <MeetingList ui={ui} meetings={p.meetings} documents={p.documents} slug={n.slug} now={p.now} />
      </section>
      <section aria-labelledby="n-decisions">
        <h2 class="ds-heading" data-size="md" id="n-decisions">{ui.t("networks.decisions")}</h2>
        <DecisionList ui={ui} decisions={p.decisions} meetings={p.meetings} />
      </section>
      <section aria-labelledby="n-actions">
        <h2 class="ds-heading" data-size="md" id="n-actions">{ui.t("networks.actions")}</h2>
        {p.actions.length === 0 ? <p class="ds-paragraph">{ui.t("networks.noActions")}</p> : <ActionTable ui={ui} actions={p.actions} caption={ui.t("networks.actionsCaption", { name: n.name })} />}
      </section>
    </Layout>
  );
}

export function MyNetworksPage({ ui, networks, meetings, actions }: { ui: Ui; networks: { id: string; slug: string; name: string; kind: NetworkKind; position: string; position_en: string; to_on: string | null; manages: boolean }[]; meetings: (MeetingRow & { networkId: string })[]; actions: (NetworkAction & { networkId: string })[] }) {
  return (
    <Layout ui={ui} title={ui.t("networks.mine")} crumbs={[{ href: "/natverk", label: ui.t("networks.title") }, { label: ui.t("networks.mine") }]}>
      <h1 class="ds-heading" data-size="lg">{ui.t("networks.mine")}</h1>
      {networks.length === 0 && <p class="ds-paragraph">{ui.t("networks.mineNone")}</p>}
      {networks.length > 0 && (
        <ul class="ds-list">
          {networks.map((n) => (
            <li>
              <a class="ds-link" href={`/natverk/${n.slug}`}>{n.name}</a>: {pick(ui.locale, n.position, n.position_en)}
              {n.to_on && <> {ui.t("networks.until", { to: dayText(ui, n.to_on) })}</>}
              {n.manages && <> – <a class="ds-link" href={`/natverk/${n.slug}/hantera`}>{ui.t("networks.manage")}</a></>}
            </li>
          ))}
        </ul>
      )}
      <section aria-labelledby="my-meetings">
        <h2 class="ds-heading" data-size="md" id="my-meetings">{ui.t("networks.upcoming")}</h2>
        {meetings.length === 0 ? (
          <p class="ds-paragraph">{ui.t("networks.noMeetings")}</p>
        ) : (
          <ul class="ds-list">
            {meetings.map((m) => (
              <li>
                <a class="ds-link" href={`/evenemang/${m.slug}`}>{m.title}</a>, {dateTimeRange(m.startsAt, m.endsAt, ui.locale)} ({networks.find((n) => n.id === m.networkId)?.name})
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="my-actions">
        <h2 class="ds-heading" data-size="md" id="my-actions">{ui.t("networks.actions")}</h2>
        {actions.length === 0 ? <p class="ds-paragraph">{ui.t("networks.noActions")}</p> : <ActionTable ui={ui} actions={actions} caption={ui.t("networks.myActionsCaption")} />}
      </section>
    </Layout>
  );
}
