/**
 * Demo content in the style of the seed articles: a Västerbotten digitalisation day
 * (keynotes, a panel with a moderator, a remote speaker, parallel seminars, exhibitors),
 * last year's edition, a Skaraborg day and a national Digidel conference. Every person is
 * fictional. Loaded by `npm start` when the database has no spaces (SEED_DEMO=false
 * turns that off).
 */
import { copyRegistrationSetup } from "../registration/copy.js";
import { sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { spaces } from "../db/schema.js";
import { stockholmToInstant } from "../i18n/format.js";
import { findMunicipalityByCode, findRegionByCounty } from "../organisations/repository.js";
import { createPerson, findOrCreatePersonByEmail } from "../people/repository.js";
import { addSpaceOrganiser, createSpace, setSensitiveAccess } from "../spaces/repository.js";
import { createExhibitor, createSession } from "../events/program-service.js";
import { chooseSessions, seatSessionsOf } from "../sessions/service.js";
import { grantEventRole } from "../auth/roles.js";
import { participantKey } from "../live/participant.js";
import { commentOnIdea, moderateIdea, postIdea, toggleIdeaVote } from "../live/ideas.js";
import { actOnPoll, answerPoll, askQuestion, createPoll, ensureRooms, listRooms, moderateQuestion, saveRoomSettings, toggleVote } from "../live/service.js";
import { saveLink as saveRemoteLink, saveSettings as saveRemoteSettings, setPublished as setRemotePublished } from "../remote/service.js";
import { listSessions } from "../events/program-repository.js";
import type { SessionType, SessionRole } from "../db/schema.js";
import { createEvent, publishEvent, copyEdition } from "../events/service.js";
import { findEventById } from "../events/repository.js";
import { randomBytes } from "node:crypto";
import { outbox } from "../db/schema.js";
import { type RegContext } from "../registration/service.js";
import { register } from "../registration/register.js";
import { saveSettings } from "../registration/settings.js";
import { createQuestion } from "../registration/question-admin.js";
import { seedPlans } from "./plans.js";
import { seedArchive } from "./archive.js";
import { seedSurvey } from "./survey.js";
import { seedNetworks } from "./networks.js";
import { seedPrize } from "./prizes.js";

const at = (date: string, time: string) => stockholmToInstant(date, time)!;

export const DEMO_ORGANISER_EMAIL = "arrangor@example.se";

export async function seedIfEmpty(db: Db, now: Date, linkKey: Buffer): Promise<boolean> {
  const [{ count }] = (await db.select({ count: sql<number>`count(*)::int` }).from(spaces)) as [{ count: number }];
  if (count > 0) return false;
  await seedDemo(db, now, linkKey);
  return true;
}

export async function seedDemo(db: Db, now: Date, linkKey: Buffer = randomBytes(32)): Promise<void> {
  const umea = await findMunicipalityByCode(db, "2480");
  const skelleftea = await findMunicipalityByCode(db, "2482");
  const lycksele = await findMunicipalityByCode(db, "2481");
  const vindeln = await findMunicipalityByCode(db, "2404");
  const skovde = await findMunicipalityByCode(db, "1496");
  const hjo = await findMunicipalityByCode(db, "1497");
  const regionVb = await findRegionByCounty(db, "24");

  const organiser = await findOrCreatePersonByEmail(db, DEMO_ORGANISER_EMAIL, "Demo Arrangör");

  const vb = await createSpace(db, {
    slug: "digitala-vasterbotten",
    name: "Digitala Västerbotten",
    description: "Länets kommuner och Region Västerbotten i samverkan för digitalisering.",
    regionCode: "24",
  });
  const skaraborg = await createSpace(db, {
    slug: "skaraborg",
    name: "Skaraborgs kommunalförbund",
    description: "Digitaliseringsdagen för Skaraborgs kommuner.",
    regionCode: "14",
  });
  const digidel = await createSpace(db, {
    slug: "digidelnatverket",
    name: "Digidelnätverket",
    description: "Nationellt nätverk för digital delaktighet och kompetens.",
    regionCode: null,
  });
  for (const s of [vb, skaraborg, digidel]) {
    await addSpaceOrganiser(db, s.id, organiser.id);
    await setSensitiveAccess(db, s.id, organiser.id, true);
  }

  const person = (name: string, title: string, organisationId: string | null | undefined, bio?: string) =>
    createPerson(db, { name, title, organisationId: organisationId ?? null, bio: bio ?? null });

  const minister = await person("Erik Sandberg", "Digitaliseringsminister", null, "Talar om digitaliseringen som det kanske största teknikskiftet i mänsklighetens historia.");
  const moderator = await person("Johanna Lindqvist", "Samordnare digitalisering", regionVb?.id, "Moderator för dagen och samordnare för kommunernas digitalisering i samverkan.");
  const keynote = await person("Maria Holm", "Digital Transformation Enabler", null, "Har lett förändringsarbete i offentlig sektor i femton år.");
  const strateg = await person("Karin Nyström", "Sektionschef digitalisering", umea?.id);
  const cio = await person("Anders Berglund", "CIO", skelleftea?.id);
  const kommunchef = await person("Sara Lund", "Kommunchef", lycksele?.id);
  const secur = await person("Oskar Wikström", "Informationssäkerhetssamordnare", vindeln?.id);
  const etjanst = await person("Linnea Forsberg", "Projektledare e-tjänstesamverkan", skelleftea?.id);
  const skovdePerson = await person("Per Ekholm", "Digitaliseringsstrateg", skovde?.id);
  const hjoPerson = await person("Eva Sjöberg", "Kommundirektör", hjo?.id);

  type S = { type: SessionType; title: string; titleEn?: string; start: string; end: string; room?: string; track?: string; description?: string; seats?: number; people?: [string, SessionRole, boolean?][] };
  // The rooms' and tracks' English names, for readers who have chosen English.
  const english: Record<string, string> = { "Stora salen": "Main hall", Foajén: "Foyer", Restaurangen: "Restaurant", "Sal A": "Room A", "Sal B": "Room B", Verksamhet: "Services", Teknik: "Technology" };

  async function addProgram(eventId: string, date: string, sessions: S[]) {
    const event = (await findEventById(db, eventId))!;
    for (const s of sessions) {
      await createSession(db, event, {
        type: s.type,
        title: s.title,
        titleEn: s.titleEn ?? null,
        description: s.description ?? null,
        descriptionEn: null,
        room: s.room ?? null,
        roomEn: s.room ? (english[s.room] ?? null) : null,
        track: s.track ?? null,
        trackEn: s.track ? (english[s.track] ?? null) : null,
        startsAt: at(date, s.start),
        endsAt: at(date, s.end),
        seats: s.seats ?? null,
        people: (s.people ?? []).map(([personId, role, remote]) => ({ personId, role, remote: remote ?? false })),
      });
    }
  }

  // ── Digitala Västerbotten: last year's edition (past) and this year's (upcoming) ──
  const past = await createEvent(db, {
    spaceId: vb.id,
    slug: null,
    title: "Digitala Västerbotten 2025",
    titleEn: "Digital Västerbotten 2025",
    description:
      "En heldag om det digitala Västerbotten för kommuner, Region Västerbotten och näringslivet.\n\nVi lyfter goda exempel från länet och pratar om hur vi tillsammans leder den digitala förändringen.",
    descriptionEn: "A full day on digital Västerbotten for municipalities, the region and business.",
    venue: "Folkets hus, Umeå",
    address: "Skolgatan 59, 903 29 Umeå",
    format: "hybrid",
    seriesId: null,
    seriesName: "Digitala Västerbotten",
    regionCode: "24",
    startsAt: at("2025-11-20", "09:00"),
    endsAt: at("2025-11-20", "15:30"),
  });
  const date = "2025-11-20";
  await addProgram(past.id, date, [
    { type: "keynote", title: "Välkommen till Digitala Västerbotten", titleEn: "Welcome", start: "09:00", end: "09:15", room: "Stora salen", people: [[moderator.id, "moderator"]] },
    { type: "keynote", title: "Digitaliseringen – vårt största teknikskifte", titleEn: "Digitalisation – our greatest technological shift", start: "09:15", end: "09:45", room: "Stora salen", description: "Ministern talar via länk om vikten av att fortsätta leda utvecklingen.", people: [[minister.id, "speaker", true]] },
    { type: "keynote", title: "Att leda digital transformation", titleEn: "Leading digital transformation", start: "09:45", end: "10:30", room: "Stora salen", description: "Första steget handlar om att samla kraft och vilja. Nästa steg är att kunna.", people: [[keynote.id, "speaker"]] },
    { type: "break", title: "Fika och utställning", titleEn: "Coffee and exhibition", start: "10:30", end: "11:00", room: "Foajén" },
    { type: "exhibition", title: "Utställning", titleEn: "Exhibition", start: "10:30", end: "15:00", room: "Foajén" },
    { type: "panel", title: "Digital strategi i länets kommuner", titleEn: "Digital strategy in the county's municipalities", start: "11:00", end: "12:00", room: "Stora salen", people: [[moderator.id, "moderator"], [strateg.id, "panellist"], [cio.id, "panellist"], [kommunchef.id, "panellist", true]] },
    { type: "mingle", title: "Lunch och mingel", titleEn: "Lunch and networking", start: "12:00", end: "13:00", room: "Restaurangen" },
    { type: "seminar", title: "E-tjänstesamverkan: 14 kommuner, en plattform", titleEn: "Shared e-services: 14 municipalities, one platform", start: "13:00", end: "14:00", room: "Sal A", track: "Verksamhet", seats: 60, people: [[etjanst.id, "speaker"]] },
    { type: "seminar", title: "Informationssäkerhet i vardagen", titleEn: "Everyday information security", start: "13:00", end: "14:00", room: "Sal B", track: "Teknik", seats: 8, people: [[secur.id, "speaker"]] },
    { type: "workshop", title: "Från idé till handling – vad gör vi nu?", titleEn: "From idea to action – what now?", start: "14:00", end: "15:00", room: "Stora salen", description: "Vi samlar dagens goda idéer och gör dem till förslag till handlingsplanen.", people: [[moderator.id, "moderator"]] },
    { type: "keynote", title: "Avslutning och utdelning av Guldmolnet", titleEn: "Closing and the Golden Cloud award", start: "15:00", end: "15:30", room: "Stora salen", people: [[moderator.id, "moderator"]] },
  ]);
  const pastEvent = (await findEventById(db, past.id))!;
  for (const x of [
    { name: "Skellefteå e-tjänstecenter", booth: "1", description: "Visar e-tjänsterna som 14 av länets kommuner använder.", website: "https://www.skelleftea.se" },
    { name: "Umeå universitet, institutionen för informatik", booth: "2", description: "Forskning om digital förvaltning.", website: "https://www.umu.se" },
    { name: "Lärplattformen Digital kompetens", booth: "3", description: "Digitala seminarier och självstudier för chefer och medarbetare.", website: null },
  ]) {
    await createExhibitor(db, pastEvent, { name: x.name, booth: x.booth, description: x.description, descriptionEn: null, organisationId: null, website: x.website });
  }
  await publishEvent(db, pastEvent, now);
  await seedArchive(db, past.id, now);
  await seedSurvey(db, past.id, "Digitala Västerbotten 2025", "2025-11-24");

  // This year's edition: copied from last year, the way organisers will do it.
  const upcoming = await copyEdition(db, pastEvent, "2027-11-18", [copyRegistrationSetup]);
  await publishEvent(db, upcoming, now);

  // ── Skaraborg ──
  const skaraborgDay = await createEvent(db, {
    spaceId: skaraborg.id,
    slug: null,
    title: "Digitaliseringsdagen 2027",
    titleEn: "Digitalisation Day 2027",
    description:
      "Kommunerna i Skaraborg samlas kring digitalisering. Flera kommuner använder dagen som ledningsdag och start för fortsatt arbete.",
    descriptionEn: null,
    venue: "Insikten, Gothia Science Park",
    address: "Kanikegränd 3, 541 34 Skövde",
    format: "onsite",
    seriesId: null,
    seriesName: "Digitaliseringsdagen",
    regionCode: "14",
    startsAt: at("2027-09-23", "08:30"),
    endsAt: at("2027-09-23", "16:00"),
  });
  await addProgram(skaraborgDay.id, "2027-09-23", [
    { type: "keynote", title: "Vi har växtvärk – och behöver arbeta tillsammans", start: "08:30", end: "09:15", room: "Insikten", people: [[hjoPerson.id, "speaker"]] },
    { type: "seminar", title: "Så använder Skövde digitaliseringens möjligheter", start: "09:30", end: "10:30", room: "Insikten", people: [[skovdePerson.id, "speaker"]] },
    { type: "exhibition", title: "Utställare: innovationssluss och kvalitetsmässa", start: "10:30", end: "15:00", room: "Foajén" },
  ]);
  await publishEvent(db, (await findEventById(db, skaraborgDay.id))!, now);

  // ── National: Digidel, hybrid ──
  const digidelConf = await createEvent(db, {
    spaceId: digidel.id,
    slug: null,
    title: "Digidelkonferensen Norr 2027",
    titleEn: "Digidel Conference North 2027",
    description: "Regionbiblioteken och Digidelnätverket bjuder in politiker, chefer och strateger att diskutera digital delaktighet.",
    descriptionEn: "Regional libraries and the Digidel network invite politicians, managers and strategists to discuss digital inclusion.",
    venue: "Kulturens hus, Luleå",
    address: "Skeppsbrogatan 17, 972 31 Luleå",
    format: "hybrid",
    seriesId: null,
    regionCode: "25",
    startsAt: at("2027-10-14", "10:00"),
    endsAt: at("2027-10-15", "15:00"),
  });
  await publishEvent(db, (await findEventById(db, digidelConf.id))!, now);

  // Registration: a hybrid day like the seeds' (280 on site, booked out fast), with a
  // health-data question, and a few fictional registrations from the county.
  const ctx: RegContext = { db, now, linkKey, publicUrl: "http://localhost", organizer: { name: "Samverka", email: "no-reply@samverka.local" } };
  const upcomingEvent = (await findEventById(db, upcoming.id))!;
  await saveSettings(ctx, upcomingEvent, { placesOnsite: 280, placesRemote: 200, mode: "open", waitlistMode: "offer", offerHours: 48, purpose: "Att administrera deltagandet i Digitala Västerbotten och ge cateringen underlag." });
  const dietId = await createQuestion(db, upcomingEvent.id, { kind: "yes_no", label: "Behöver du specialkost?", labelEn: "Do you need a special diet?", options: [], required: true, sensitive: false, showIfQuestionId: null, showIfValue: null, position: 1 });
  const whichDietId = await createQuestion(db, upcomingEvent.id, { kind: "multiple_choice", label: "Vilken specialkost?", labelEn: "Which diet?", options: [{ value: "veg", sv: "Vegetarisk", en: "Vegetarian" }, { value: "vegan", sv: "Vegansk", en: "Vegan" }, { value: "gluten", sv: "Glutenfri", en: "Gluten-free" }, { value: "laktos", sv: "Laktosfri", en: "Lactose-free" }], required: true, sensitive: true, showIfQuestionId: dietId, showIfValue: "yes", position: 2 });
  // The two seminars after lunch have seats (60 in Sal A, 8 in Sal B): participants choose one.
  const seminars = await seatSessionsOf(db, upcomingEvent.id);
  const firstNames = ["Agnes", "Björn", "Cecilia", "Dan", "Elin", "Fredrik", "Greta", "Hugo", "Ida", "Jonas", "Karl", "Lisa", "Maja", "Nils", "Olivia", "Petra", "Rasmus", "Stina"];
  const lastNames = ["Ahlgren", "Bergström", "Carlsson", "Dahlberg", "Eriksson", "Fransson", "Grahn", "Holmberg", "Isaksson"];
  const codes = ["2480", "2482", "2481", "2404", "2401", "2409", "2460", "2462", "2418"];
  for (let i = 0; i < firstNames.length; i++) {
    const org = await findMunicipalityByCode(db, codes[i % codes.length]!);
    const name = `${firstNames[i]} ${lastNames[i % lastNames.length]}`;
    const p = await createPerson(db, { name, email: `${firstNames[i]!.toLowerCase()}.${lastNames[i % lastNames.length]!.toLowerCase().replace(/ö/g, "o")}@demo.example`, organisationId: org?.id ?? null, title: "Handläggare" });
    const special = i % 4 === 0;
    const { registration } = await register(ctx, {
      event: upcomingEvent,
      personId: p.id,
      organisationId: org?.id ?? null,
      attendance: i % 5 === 0 ? "remote" : "onsite",
      answers: { [dietId]: special ? "yes" : "no" },
      sensitiveAnswers: special ? { [whichDietId]: i % 8 === 0 ? ["veg"] : ["gluten", "laktos"] } : {},
    });
    // Most want the security seminar: its eight seats go, and the rest wait in line.
    const seminar = seminars.find((x) => x.room === (i % 3 === 0 ? "Sal A" : "Sal B"));
    if (seminar && registration.status === "confirmed") await chooseSessions(db, registration.id, [seminar.id], now);
  }
  const skaraborgEvent = (await findEventById(db, skaraborgDay.id))!;
  await saveSettings(ctx, skaraborgEvent, { placesOnsite: 170, mode: "approval", maxPerOrganisation: 20 });
  const digidelEvent = (await findEventById(db, digidelConf.id))!;
  await saveSettings(ctx, digidelEvent, { placesOnsite: 100, placesRemote: 150, waitlistMode: "auto" });
  // Remote participation: the day is streamed, and the minister's keynote has its own Teams meeting (and a way in for her).
  await saveRemoteLink(db, upcomingEvent.id, null, { url: "https://www.youtube.com/watch?v=digitala-vasterbotten-demo", dialIn: null, meetingId: null }, now);
  const ministerTalk = (await listSessions(db, upcomingEvent.id)).find((x) => x.people.some((p) => p.personId === minister.id));
  if (ministerTalk) await saveRemoteLink(db, upcomingEvent.id, ministerTalk.id, { url: "https://teams.microsoft.com/l/meetup-join/demo-keynote", dialIn: "010-000 00 00", meetingId: "123 456 789, kod 4711", speakerUrl: "https://teams.microsoft.com/l/meetup-join/demo-backstage", speakerNote: "Anslut tio minuter före start. Teknikern ringer upp om ljudet inte fungerar." }, now);
  await saveRemoteSettings(db, upcomingEvent.id, { showOnsite: true, reminderMinutes: 30 }, now);
  await setRemotePublished(db, upcomingEvent.id, true, now);
  await seedLive(db, upcomingEvent.id, moderator.id, organiser.id, now, linkKey);
  if (umea && skelleftea && lycksele && vindeln && regionVb) {
    await seedPlans(db, { spaceId: vb.id, umea, skelleftea, lycksele, vindeln, region: regionVb, organiserName: "Strategirådets kansli", publicUrl: "http://localhost:3000", linkKey, lastConferenceId: past.id });
    await seedNetworks(db, vb.id, { umea, skelleftea, lycksele, vindeln, region: regionVb }, now);
    await seedPrize(db, vb.id, { umea, skelleftea, lycksele, vindeln, region: regionVb }, now);
  }
  // Demo registrations must never e-mail anyone.
  await db.delete(outbox);

  // A draft, visible only to organisers.
  await createEvent(db, {
    spaceId: vb.id,
    slug: null,
    title: "Nätverksträff informationssäkerhet",
    titleEn: null,
    description: "Utkast: nätverket för informationssäkerhet träffas digitalt.",
    descriptionEn: null,
    venue: null,
    address: null,
    format: "digital",
    seriesId: null,
    regionCode: "24",
    startsAt: at("2027-02-10", "13:00"),
    endsAt: at("2027-02-10", "15:00"),
  });
}

/**
 * Live: the panel's room with questions (some voted up, one being answered), an open poll
 * with answers and a word cloud with its results shown; the moderator of the day holds
 * the event's moderator role. The participants are demo tokens, as a real room's are.
 */
async function seedLive(db: Db, eventId: string, moderatorId: string, organiserId: string, now: Date, linkKey: Buffer) {
  await grantEventRole(db, eventId, moderatorId, "moderator", organiserId);
  await ensureRooms(db, eventId);
  const rooms = await listRooms(db, eventId);
  const panel = rooms.find((r) => r.session?.titleSv === "Digital strategi i länets kommuner");
  if (!panel) return;
  const key = (i: number) => participantKey(linkKey, eventId, `demo-deltagare-${i}`);
  const asked = [
    { text: "Hur får de mindre kommunerna råd att delta i de gemensamma upphandlingarna?", name: null, votes: 14 },
    { text: "Vem ansvarar för att handlingsplanen följs upp mellan konferenserna?", name: "Eva, Lycksele", votes: 9 },
    { text: "Finns det en gemensam plan för informationssäkerhet i länet?", name: null, votes: 6 },
    { text: "Kan vi dela e-tjänster mellan kommunerna i stället för att bygga var för sig?", name: "Tomas", votes: 3 },
  ];
  const questions = [];
  for (const [i, q] of asked.entries()) questions.push(await askQuestion(db, panel.room, key(100 + i), { text: q.text, name: q.name }, now));
  for (const [i, q] of asked.entries()) for (let v = 0; v < q.votes; v++) await toggleVote(db, panel.room.id, questions[i]!.id, key(v));
  await moderateQuestion(db, panel.room, questions[1]!.id, "highlight", now);
  const poll = await createPoll(db, panel.room.id, { kind: "single", question: "Vilket område ska handlingsplanen prioritera först?", options: ["Informationssäkerhet", "Gemensam arkitektur", "Bredband och infrastruktur", "Kompetens och ledarskap"], scaleMax: null, allowChange: true }, now);
  const cloud = await createPoll(db, panel.room.id, { kind: "words", question: "Beskriv samverkan i länet med ett ord", options: [], scaleMax: null, allowChange: false }, now);
  await createPoll(db, panel.room.id, { kind: "rating", question: "Hur väl känner du till handlingsplanen?", options: [], scaleMax: 5, allowChange: true }, now);
  await actOnPoll(db, panel.room, cloud.id, "open", now);
  const words = ["Tillit", "tillit", "Långsiktighet", "Öppenhet", "tillit", "Gemenskap", "öppenhet", "Mod", "långsiktighet", "Tillit"];
  for (const [i, w] of words.entries()) await answerPoll(db, panel.room, cloud.id, key(i), { words: [w] }, now);
  await actOnPoll(db, panel.room, cloud.id, "reveal", now);
  await actOnPoll(db, panel.room, cloud.id, "close", now);
  await actOnPoll(db, panel.room, poll.id, "open", now);
  for (let i = 0; i < 12; i++) await answerPoll(db, panel.room, poll.id, key(i), { choices: [[0, 0, 1, 3, 0, 2, 1, 0, 3, 0, 1, 2][i]!] }, now);

  // The closing workshop's idea wall: ideas voted on, one comment, two alike put together, the top ones marked.
  const workshop = rooms.find((r) => r.session?.titleSv.startsWith("Från idé till handling"));
  if (!workshop) return;
  await saveRoomSettings(db, workshop.room.id, { moderation: "post", requireRegistration: false, questionsOpen: true, screenPaused: false, hideCount: false, ideasOpen: true }, now);
  const wall = { ...workshop.room, ideasOpen: true };
  const wallIdeas = [
    { title: "Gemensam e-tjänst för bygglov i alla kommuner", body: "Bygg den en gång och dela den, i stället för femton olika.", tags: ["e-tjänster", "samhällsbyggnad"], name: "Karin, Skellefteå", votes: 11 },
    { title: "Ett länsgemensamt nätverk för informationssäkerhet med fasta träffar", body: null, tags: ["informationssäkerhet"], name: null, votes: 8 },
    { title: "Dela en informationssäkerhetssamordnare mellan de minsta kommunerna", body: "Ingen liten kommun har råd med en egen på heltid.", tags: ["informationssäkerhet", "kompetens"], name: null, votes: 5 },
    { title: "Öppna data om skolskjutsar så att appar kan visa tiderna", body: null, tags: ["öppna data", "skola"], name: "Ali", votes: 4 },
  ];
  const posted = [];
  for (const [i, idea] of wallIdeas.entries()) posted.push(await postIdea(db, wall, key(200 + i), { title: idea.title, body: idea.body, tags: idea.tags, name: idea.name }, now));
  for (const [i, idea] of wallIdeas.entries()) for (let v = 0; v < idea.votes; v++) await toggleIdeaVote(db, wall.id, posted[i]!.id, key(v));
  await commentOnIdea(db, wall, posted[0]!.id, key(300), { text: "Vi i Vindeln vill gärna vara med och testa.", name: null }, now);
  await moderateIdea(db, wall, posted[2]!.id, "group", { under: posted[1]!.id });
  await moderateIdea(db, wall, posted[0]!.id, "top");
  await moderateIdea(db, wall, posted[1]!.id, "top");
}
