/** Networks as everyone sees them, a member's own networks, and the meetings' documents for those who may read them. */
import { Hono } from "hono";
import { loadNetworkFor, requireActor } from "../../auth/policy.js";
import { sendStoredFile } from "../../archive/serve.js";
import { dbFileStore } from "../../archive/storage.js";
import type { AppContext, AppEnv } from "../../http/env.js";
import { notFound } from "../../http/errors.js";
import { isUuid } from "../../http/params.js";
import { uiOf } from "../../http/ui.js";
import { isoDate } from "../../i18n/format.js";
import { listSpacesOf } from "../../spaces/repository.js";
import { actionsOfNetworks, allNetworks, decisionsOf, documentsOf, meetingsOf, membersOf, networkOfDocument, networksOfPerson } from "../repository.js";
import { MyNetworksPage, NetworkPage, NetworksPage } from "../views/public.js";

export const networkRoutes = new Hono<AppEnv>();

export const today = (c: AppContext) => isoDate(c.get("deps").now());

networkRoutes.get("/natverk", async (c) => {
  const { db } = c.get("deps");
  const actor = c.get("actor");
  const [networks, organises] = await Promise.all([allNetworks(db), actor ? (actor.isPlatformAdmin ? true : (await listSpacesOf(db, actor.personId)).length > 0) : false]);
  return c.html(<NetworksPage ui={uiOf(c)} networks={networks} mayCreate={organises} />);
});

networkRoutes.get("/mina-natverk", async (c) => {
  const { db } = c.get("deps");
  const actor = requireActor(c.get("actor"));
  const mine = await networksOfPerson(db, actor.personId, today(c));
  const ids = [...new Set(mine.map((m) => m.id))];
  const [meetings, actions] = await Promise.all([meetingsOf(db, ids, false), actionsOfNetworks(db, ids, false)]);
  const now = c.get("deps").now();
  return c.html(<MyNetworksPage ui={uiOf(c)} networks={mine} meetings={meetings.filter((m) => m.endsAt >= now).reverse()} actions={actions} />);
});

networkRoutes.get("/natverk/:slug", async (c) => {
  const { db } = c.get("deps");
  const access = await loadNetworkFor(db, c.get("actor"), c.req.param("slug"), today(c));
  const id = access.network.id;
  const [members, meetings, documents, decisions, actions] = await Promise.all([
    access.seesMembers ? membersOf(db, id, today(c)) : Promise.resolve(null),
    meetingsOf(db, [id], access.manages),
    access.seesDocuments ? documentsOf(db, id) : Promise.resolve(null),
    decisionsOf(db, id),
    actionsOfNetworks(db, [id], access.manages),
  ]);
  // What only members may read (the members, the documents) is never kept by a shared cache.
  const membersOnly = (access.seesMembers && !access.network.membersPublic) || (access.seesDocuments && !access.network.documentsPublic);
  c.header("Cache-Control", membersOnly ? "private, no-cache" : "no-cache");
  return c.html(<NetworkPage ui={uiOf(c)} access={access} members={members} meetings={meetings} documents={documents} decisions={decisions} actions={actions} now={c.get("deps").now()} />);
});

networkRoutes.get("/natverk/:slug/dokument/:id/:name?", async (c) => {
  const { db } = c.get("deps");
  const access = await loadNetworkFor(db, c.get("actor"), c.req.param("slug"), today(c));
  const docId = c.req.param("id");
  if (!isUuid(docId) || !access.seesDocuments) throw notFound();
  const doc = await networkOfDocument(db, access.network.id, docId);
  const store = dbFileStore(db);
  const file = doc ? await store.info(doc.fileId) : null;
  if (!file) throw notFound();
  return sendStoredFile(c, store, file, !access.network.documentsPublic);
});
