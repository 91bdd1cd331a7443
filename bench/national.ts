/**
 * National scale on PostgreSQL: 21 regions, ten years of events, about a million
 * registrations generated in the database. Measures organiser lists (with totals per
 * municipality and region) and the public event list over HTTP, and prints the query
 * plans they rely on.
 */
import pg from "pg";
import { runLoad } from "./lib/load.js";
import { createDatabase } from "./lib/pg.js";
import { createAdminToken, startServer } from "./lib/server.js";
import { percentile, round } from "./lib/stats.js";

export interface NationalResult {
  registrations: number;
  events: number;
  generateSeconds: number;
  organiserListP95: number;
  publicListP95: number;
  publicPageP95: number;
  plans: string;
}

export async function national(o: { registrations: number; durationMs: number }): Promise<NationalResult> {
  const database = await createDatabase("samverka_national");
  const env = { DATABASE_URL: database.url, JOBS_INTERVAL_SECONDS: "0" };
  try {
    const token = createAdminToken(env); // also migrates and loads the register
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const started = performance.now();
    const eventsPerRegionYear = 10;
    const events = 21 * 10 * eventsPerRegionYear;
    const perEvent = Math.ceil(o.registrations / events);
    await client.query(`
      insert into spaces (id, slug, name, region_code)
      select gen_random_uuid(), 'region-' || county_code, 'Samverkan ' || name, county_code from organisations where kind = 'region'`);
    await client.query(`
      insert into space_members (space_id, person_id, role, sensitive_access)
      select s.id, p.id, 'organiser', true from spaces s, people p where p.email = 'bench@bench.example'`);
    await client.query(`
      insert into events (id, space_id, slug, title_sv, starts_at, ends_at, status, region_code, format)
      select gen_random_uuid(), s.id, s.slug || '-' || y || '-' || n, 'Konferens ' || s.region_code || ' ' || y || ':' || n,
             make_timestamptz(y, 1 + (n % 12), 10 + n, 9, 0, 0, 'Europe/Stockholm'),
             make_timestamptz(y, 1 + (n % 12), 10 + n, 16, 0, 0, 'Europe/Stockholm'), 'published', s.region_code, 'hybrid'
      from spaces s, generate_series(2018, 2027) y, generate_series(1, ${eventsPerRegionYear}) n`);
    const peopleCount = Math.max(perEvent * 3, 50_000);
    await client.query(`
      insert into people (id, name, email, organisation_id)
      select gen_random_uuid(), 'Person ' || i, 'p' || i || '@national.example',
             (select id from organisations where kind = 'municipality' order by municipality_code offset (i % 290) limit 1)
      from generate_series(1, ${peopleCount}) i`);
    await client.query(`create temporary table numbered_people as select id, organisation_id, row_number() over (order by id) as n from people where email like '%@national.example'`);
    await client.query(`create temporary table numbered_events as select id, row_number() over (order by id) as n from events`);
    await client.query(`
      insert into registrations (id, event_id, person_id, organisation_id, attendance, status, manage_version, created_at, updated_at, confirmed_at)
      select gen_random_uuid(), e.id, p.id, p.organisation_id, case when k % 4 = 0 then 'remote' else 'onsite' end,
             case when k % 20 = 0 then 'cancelled' when k % 15 = 0 then 'waitlisted' else 'confirmed' end, 1, now(), now(), now()
      from numbered_events e
      cross join generate_series(1, ${perEvent}) k
      join numbered_people p on p.n = ((e.n * 7919 + k) % ${peopleCount}) + 1`);
    await client.query(`insert into place_pools (event_id, attendance, capacity, taken) select id, 'onsite', 1000, 0 from events on conflict do nothing`);
    await client.query(`insert into registration_settings (event_id) select id from events on conflict do nothing`);
    await client.query("analyze");
    const [{ n: registrations }] = (await client.query("select count(*)::int as n from registrations")).rows;
    const generateSeconds = (performance.now() - started) / 1000;
    const big = (await client.query(`select event_id, count(*) from registrations group by event_id order by count(*) desc limit 1`)).rows[0].event_id as string;
    const slug = (await client.query(`select slug from events where id = $1`, [big])).rows[0].slug as string;

    const plan = async (label: string, q: string, params: unknown[]) =>
      `-- ${label}\n` + (await client.query(`explain (analyze, buffers off, timing off, summary on) ${q}`, params)).rows.map((r) => r["QUERY PLAN"]).join("\n");
    const plans = [
      await plan("registrations of one event with organisation (organiser list and totals)", `select r.*, o.name, o.municipality_code, o.county_code from registrations r left join people p on p.id = r.person_id left join organisations o on o.id = r.organisation_id where r.event_id = $1 order by r.created_at, r.id`, [big]),
      await plan("public upcoming events", `select e.*, s.name from events e join spaces s on s.id = e.space_id where e.status in ('published','cancelled') and e.ends_at >= now() order by e.starts_at, e.id limit 50`, []),
      await plan("public past events of one region", `select e.* from events e where e.status in ('published','cancelled') and e.ends_at < now() and e.region_code = '24' order by e.starts_at desc limit 50`, []),
    ].join("\n\n");
    await client.end();

    const server = await startServer(env);
    try {
      const auth = { authorization: `Bearer ${token}` };
      const organiser = await runLoad(server.url, { concurrency: 4, durationMs: o.durationMs, next: () => ({ method: "GET", path: `/api/v1/events/${big}/registrations?status=confirmed`, headers: auth }) });
      const publicList = await runLoad(server.url, { concurrency: 20, durationMs: o.durationMs, next: () => ({ method: "GET", path: `/api/v1/events?when=past&region=24&limit=50` }) });
      const publicPage = await runLoad(server.url, { concurrency: 20, durationMs: o.durationMs, next: () => ({ method: "GET", path: `/evenemang?when=upcoming` }) });
      void slug;
      return {
        registrations,
        events,
        generateSeconds: round(generateSeconds),
        organiserListP95: round(percentile(organiser.latenciesMs, 95)),
        publicListP95: round(percentile(publicList.latenciesMs, 95)),
        publicPageP95: round(percentile(publicPage.latenciesMs, 95)),
        plans,
      };
    } finally {
      await server.kill();
    }
  } finally {
    await database.drop();
  }
}
