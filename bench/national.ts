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
import { median, percentile, round } from "./lib/stats.js";

export interface NationalResult {
  registrations: number;
  /** Confirmed registrations of the event whose organiser list is measured. */
  organiserRows: number;
  runs: number;
  events: number;
  generateSeconds: number;
  organiserListP95: number;
  publicListP95: number;
  publicPageP95: number;
  plans: string;
}

export async function national(o: { registrations: number; durationMs: number; runs: number }): Promise<NationalResult> {
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
    await client.query("vacuum analyze"); // as autovacuum would soon after a bulk load; the figures are of a settled database
    const [{ n: registrations }] = (await client.query("select count(*)::int as n from registrations")).rows;
    const generateSeconds = (performance.now() - started) / 1000;
    const big = (await client.query(`select event_id, count(*) from registrations group by event_id order by count(*) desc limit 1`)).rows[0].event_id as string;
    const organiserRows = (await client.query(`select count(*)::int as n from registrations where event_id = $1 and status = 'confirmed'`, [big])).rows[0].n as number;

    const plan = async (label: string, q: string, params: unknown[]) =>
      `-- ${label}\n` + (await client.query(`explain (analyze, buffers off, timing off, summary on) ${q}`, params)).rows.map((r) => r["QUERY PLAN"]).join("\n");
    const plans = [
      await plan(
        "one page of an event's confirmed registrations with people, organisations and queue places (organiser list)",
        `select r.*, people.name, people.email, o.name, o.municipality_code, o.county_code, queue.position
         from registrations r
         left join lateral (select p.name, p.email, p.title from people p where p.id = r.person_id offset 0) as people on true
         left join (select id, row_number() over (partition by attendance order by waitlist_seq) as position from registrations where event_id = $1 and status = 'waitlisted') queue on queue.id = r.id
         left join organisations o on o.id = r.organisation_id
         where r.event_id = $1 and r.status = 'confirmed' order by r.created_at, r.id limit 100`,
        [big],
      ),
      await plan(
        "totals of every match: by status, municipality, county and day (organiser list)",
        `select r.status, o.municipality_code, o.county_code, to_char(r.created_at at time zone 'Europe/Stockholm', 'YYYY-MM-DD') as day, count(*)
         from registrations r left join organisations o on o.id = r.organisation_id
         where r.event_id = $1 and r.status = 'confirmed' group by 1, 2, 3, 4`,
        [big],
      ),
      await plan("public upcoming events", `select e.*, s.name from events e join spaces s on s.id = e.space_id where e.status in ('published','cancelled') and e.ends_at >= now() order by e.starts_at, e.id limit 50`, []),
      await plan("public past events of one region", `select e.* from events e where e.status in ('published','cancelled') and e.ends_at < now() and e.region_code = '24' order by e.starts_at desc limit 50`, []),
    ].join("\n\n");
    await client.end();

    const server = await startServer(env);
    try {
      const auth = { authorization: `Bearer ${token}` };
      const p95 = async (concurrency: number, path: string, headers: Record<string, string> = {}) => {
        const each: number[] = [];
        for (let i = 0; i < o.runs; i++) each.push(percentile((await runLoad(server.url, { concurrency, durationMs: o.durationMs, next: () => ({ method: "GET", path, headers }) })).latenciesMs, 95));
        return round(median(each));
      };
      return {
        registrations,
        organiserRows,
        runs: o.runs,
        events,
        generateSeconds: round(generateSeconds),
        organiserListP95: await p95(4, `/api/v1/events/${big}/registrations?status=confirmed`, auth),
        publicListP95: await p95(20, `/api/v1/events?when=past&region=24&limit=50`),
        publicPageP95: await p95(20, `/evenemang?when=upcoming`),
        plans,
      };
    } finally {
      await server.kill();
    }
  } finally {
    await database.drop();
  }
}
