/** Managing a network: its settings, members' terms, positions, meetings with invitations and documents, and decisions into the plan. */
import { Hono } from "hono";
import { loadNetworkForManage, requireActor, requireSpaceManager, spacesManagedBy, type NetworkAccess } from "../../auth/policy.js";
import { maxMaterialBytes } from "../../archive/views/organiser.js";
import { materialType } from "../../archive/sniff.js";
import { dbFileStore } from "../../archive/storage.js";
import { receiveUpload } from "../../archive/upload.js";
import { findEventById } from "../../events/repository.js";
import { setFlash } from "../../http/cookies.js";
import type { AppContext, AppEnv } from "../../http/env.js";
import { AppError, notFound, validationFailed } from "../../http/errors.js";
import { readForm, submitForm } from "../../http/forms.js";
import { idParam } from "../../http/params.js";
import { emptyForm, uiOf, type FormState } from "../../http/ui.js";
import { parseInput } from "../../http/validation.js";
import { stockholmToInstant } from "../../i18n/format.js";
import { organisationChoices, statusesOf } from "../../plans/repository.js";
import { mailContext } from "../../plans/routes/params.js";
import { decisionToAction, decisionUpdatesAction, holdMeeting } from "../service.js";
import { createInvitations } from "../../registration/invitations.js";
import { regContextOf } from "../../registration/context.js";
import { findSpaceById } from "../../spaces/repository.js";
import {
  addDecision,
  addDocument,
  addMember,
  addPosition,
  createNetwork,
  decisionsOf,
  documentsOf,
  endTerm,
  findDecision,
  meetingOf,
  meetingsOf,
  membersOf,
  planChoicesOf,
  positionsOf,
  removeDocument,
  updateNetwork,
} from "../repository.js";
import { DecisionActionForm, DecisionForm, DecisionUpdateForm, DocumentForm, EndTermForm, MeetingForm, MemberForm, NetworkSettingsForm, networkLabels, NewNetworkForm, PositionForm } from "../schemas.js";
import { ManageNetworkPage, NewNetworkPage } from "../views/manage.js";
import { today } from "./public.js";

export const networkManageRoutes = new Hono<AppEnv>();

const managedSpaces = (c: AppContext) => spacesManagedBy(c.get("deps").db, c.get("actor"));

networkManageRoutes.get("/natverk/ny", async (c) => c.html(<NewNetworkPage ui={uiOf(c)} spaces={await managedSpaces(c)} form={emptyForm({ kind: "network" })} />));

networkManageRoutes.post("/natverk/ny", async (c) => {
  const spaces = await managedSpaces(c);
  const values = await readForm(c);
  return submitForm(
    c,
    values,
    async () => {
      const { spaceId, ...input } = parseInput(NewNetworkForm, values);
      if (!spaces.some((s) => s.id === spaceId)) throw validationFailed([{ field: "spaceId", key: "networks.error.unknown" }]);
      await requireSpaceManager(c.get("deps").db, c.get("actor"), spaceId);
      const network = await createNetwork(c.get("deps").db, spaceId, input);
      setFlash(c, c.get("t")("networks.created", { name: network.name }));
      return c.redirect(`/natverk/${network.slug}/hantera`, 303);
    },
    (form) => <NewNetworkPage ui={uiOf(c)} spaces={spaces} form={form} />,
    networkLabels,
  );
});

const managed = (c: AppContext) => loadNetworkForManage(c.get("deps").db, c.get("actor"), c.req.param("slug")!, today(c));
const base = (a: NetworkAccess) => `/natverk/${a.network.slug}/hantera`;

async function page(c: AppContext, access: NetworkAccess, forms: Record<string, FormState> = {}) {
  const { db } = c.get("deps");
  const { network } = access;
  const space = await findSpaceById(db, network.spaceId);
  const [members, positions, meetings, documents, decisions, organisations, plans, statuses] = await Promise.all([
    membersOf(db, network.id, today(c)),
    positionsOf(db, network.spaceId),
    meetingsOf(db, [network.id], true),
    documentsOf(db, network.id),
    decisionsOf(db, network.id),
    organisationChoices(db, space?.regionCode ?? null),
    planChoicesOf(db, network.spaceId),
    statusesOf(db, network.spaceId),
  ]);
  return <ManageNetworkPage ui={uiOf(c)} access={access} members={members} positions={positions} meetings={meetings} documents={documents} decisions={decisions} organisations={organisations} plans={plans} statuses={statuses} forms={forms} maxBytes={maxMaterialBytes(c.get("deps").config)} />;
}

/** One form of the manage page: back to it with a message, or the page again with that form's errors. */
async function manageForm(c: AppContext, scope: string, run: (access: NetworkAccess, values: Record<string, string>) => Promise<string>) {
  const access = await managed(c);
  const values = await readForm(c);
  return submitForm(
    c,
    values,
    async () => {
      setFlash(c, await run(access, values));
      return c.redirect(base(access), 303);
    },
    (form) => page(c, access, { [scope]: form }),
    networkLabels,
  );
}

networkManageRoutes.get("/natverk/:slug/hantera", async (c) => c.html(await page(c, await managed(c))));

networkManageRoutes.post("/natverk/:slug/hantera", (c) =>
  manageForm(c, "settings", async (access, values) => {
    await updateNetwork(c.get("deps").db, access.network.id, parseInput(NetworkSettingsForm, values));
    return c.get("t")("common.saved");
  }),
);

networkManageRoutes.post("/natverk/:slug/hantera/medlemmar", (c) =>
  manageForm(c, "member", async (access, values) => {
    const input = parseInput(MemberForm, values);
    await addMember(c.get("deps").db, access.network, input);
    return c.get("t")("networks.memberAdded", { name: input.name });
  }),
);

networkManageRoutes.post("/natverk/:slug/hantera/medlemmar/:mid/avsluta", (c) => {
  const mid = idParam(c, "mid");
  return manageForm(c, `end-${mid}`, async (access, values) => {
    const { toOn } = parseInput(EndTermForm, values);
    if (!(await endTerm(c.get("deps").db, access.network.id, mid, toOn))) throw validationFailed([{ field: "toOn", key: "networks.error.termOrder" }]);
    return c.get("t")("networks.termEnded");
  });
});

networkManageRoutes.post("/natverk/:slug/hantera/positioner", (c) =>
  manageForm(c, "position", async (access, values) => {
    await addPosition(c.get("deps").db, access.network.spaceId, parseInput(PositionForm, values));
    return c.get("t")("common.saved");
  }),
);

networkManageRoutes.post("/natverk/:slug/hantera/moten", (c) =>
  manageForm(c, "meeting", async (access, values) => {
    const { db, now } = c.get("deps");
    const m = parseInput(MeetingForm, values);
    const startsAt = stockholmToInstant(m.date, m.start);
    const endsAt = stockholmToInstant(m.date, m.end);
    if (!startsAt || !endsAt) throw validationFailed([{ field: "date", key: "validation.date" }]);
    await holdMeeting(db, access.network, { title: m.title, startsAt, endsAt, venue: m.venue, publish: m.publish }, now(), "end");
    return c.get("t")("networks.meetingAdded", { title: m.title });
  }),
);

async function meetingEvent(c: AppContext, access: NetworkAccess) {
  const eid = idParam(c, "eid");
  if (!(await meetingOf(c.get("deps").db, access.network.id, eid))) throw notFound();
  return (await findEventById(c.get("deps").db, eid))!;
}

/** Personal invitations to every member whose term runs, by the registration's invitations (each address once). */
networkManageRoutes.post("/natverk/:slug/hantera/moten/:eid/bjud-in", (c) =>
  manageForm(c, "invite", async (access) => {
    const event = await meetingEvent(c, access);
    if (event.status !== "published") throw validationFailed([{ field: "invite", key: "networks.error.unpublished" }]);
    const members = (await membersOf(c.get("deps").db, access.network.id, today(c))).filter((m) => m.current && m.email);
    const count = await createInvitations(regContextOf(c.get("deps")), event, members.map((m) => ({ email: m.email!, name: m.name })));
    return c.get("t")("networks.invited", { count });
  }),
);

networkManageRoutes.post("/natverk/:slug/hantera/moten/:eid/dokument", async (c) => {
  const access = await managed(c);
  const event = await meetingEvent(c, access);
  const store = dbFileStore(c.get("deps").db);
  const maxBytes = maxMaterialBytes(c.get("deps").config);
  const upload = await receiveUpload(c, store, { field: "file", maxBytes, identify: materialType });
  const scope = `doc-${event.id}`;
  const values = { title: upload.fields.title ?? "", kind: upload.fields.kind ?? "" };
  const refuse = async (field: string, message: string) => {
    if (upload.file) await store.delete(upload.file.id);
    return c.html(await page(c, access, { [scope]: { values, errors: { [field]: message } } }), 422);
  };
  if (upload.refused) return refuse("file", c.get("t")(`archive.error.${upload.refused}`, { max: `${Math.round(maxBytes / 1048576)} MB` }));
  let doc;
  try {
    doc = parseInput(DocumentForm, values);
  } catch (err) {
    if (!(err instanceof AppError) || !err.fields[0]) throw err;
    const f = err.fields[0];
    return refuse(f.field, c.get("t")(f.key, { ...f.params, field: c.get("t")(networkLabels[f.field] ?? "field.title") }));
  }
  if (!upload.file) return refuse("file", c.get("t")("archive.error.noFile"));
  await addDocument(c.get("deps").db, event.id, upload.file.id, doc.kind, doc.title);
  setFlash(c, c.get("t")("archive.materialSaved"));
  return c.redirect(base(access), 303);
});

networkManageRoutes.post("/natverk/:slug/hantera/dokument/:did/ta-bort", async (c) => {
  const access = await managed(c);
  const fileId = await removeDocument(c.get("deps").db, access.network.id, idParam(c, "did"));
  if (!fileId) throw notFound();
  await dbFileStore(c.get("deps").db).delete(fileId);
  setFlash(c, c.get("t")("archive.materialRemoved"));
  return c.redirect(base(access), 303);
});

networkManageRoutes.post("/natverk/:slug/hantera/beslut", (c) =>
  manageForm(c, "decision", async (access, values) => {
    const { db } = c.get("deps");
    const input = parseInput(DecisionForm, values);
    if (input.eventId && !(await meetingOf(db, access.network.id, input.eventId))) throw validationFailed([{ field: "eventId", key: "networks.error.unknown" }]);
    await addDecision(db, access.network.id, input);
    return c.get("t")("networks.decisionAdded");
  }),
);

async function decisionOf(c: AppContext, access: NetworkAccess) {
  const decision = await findDecision(c.get("deps").db, access.network.id, idParam(c, "did"));
  if (!decision) throw notFound();
  return decision;
}

/** The decision becomes a new action of one of the space's action plans, owned by the network; both are linked in one transaction. */
networkManageRoutes.post("/natverk/:slug/hantera/beslut/:did/atgard", (c) =>
  manageForm(c, `act-${c.req.param("did")}`, async (access, values) => {
    const action = await decisionToAction(c.get("deps").db, access.network, await decisionOf(c, access), parseInput(DecisionActionForm, values), c.get("deps").now());
    return c.get("t")("networks.actionCreated", { action: `${action.ref} ${action.title}` });
  }),
);

/** The decision updates an action: a progress report that says so, and the action becomes the network's too. */
networkManageRoutes.post("/natverk/:slug/hantera/beslut/:did/uppdatera", (c) =>
  manageForm(c, `upd-${c.req.param("did")}`, async (access, values) => {
    const { db, now } = c.get("deps");
    const decision = await decisionOf(c, access);
    const input = parseInput(DecisionUpdateForm, values);
    const action = await decisionUpdatesAction(db, access.network, decision, { actionId: input.actionId, status: { id: input.statusId }, progress: input.progress, comment: input.comment, field: "statusId" }, requireActor(c.get("actor")), uiOf(c).locale, mailContext(c), now());
    return c.get("t")("networks.actionUpdated", { action: `${action.ref} ${action.title}` });
  }),
);
