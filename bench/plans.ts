/**
 * Plans at national scale on PostgreSQL (issue 14): 21 regions, each with a published
 * three-year plan of 200 actions (four focus areas, twelve goals, owners, goal weights,
 * milestones) and 20 progress reports per action, generated in the database. Measures over
 * HTTP the public follow-up page, the same page with "what changed since" a date, and the
 * plan file export (CSV and XLSX), spread over all 21 plans.
 */
import pg from "pg";
import { runLoad } from "./lib/load.js";
import { createDatabase } from "./lib/pg.js";
import { createAdminToken, startServer } from "./lib/server.js";
import { median, percentile, round } from "./lib/stats.js";

export interface PlansResult {
  plans: number;
  actions: number;
  reports: number;
  generateSeconds: number;
  runs: number;
  pageP95: number;
  pageP99: number;
  sinceP95: number;
  csvP95: number;
  xlsxP95: number;
  pageBytes: number;
  csvBytes: number;
  csvLines: number;
  non2xx: number;
  queryPlan: string;
}

export async function plansBench(o: { durationMs: number; runs: number }): Promise<PlansResult> {
  const database = await createDatabase("samverka_plans");
  // No page cache: every request renders the page from the database, as the first visitor after a change gets it.
  const env = { DATABASE_URL: database.url, JOBS_INTERVAL_SECONDS: "0", PAGE_CACHE_SECONDS: "0" };
  try {
    const token = createAdminToken(env); // also migrates and loads the register
    const client = new pg.Client({ connectionString: database.url });
    client.on("error", () => {}); // dropping the database at the end ends this connection if a step failed
    await client.connect();
    const started = performance.now();
    await client.query(`insert into spaces (id, slug, name, region_code) select gen_random_uuid(), 'region-' || county_code, 'Samverkan ' || name, county_code from organisations where kind = 'region'`);
    await client.query(`
      insert into plan_statuses (id, space_id, key, label, label_en, suggested_progress, done, counts, position)
      select gen_random_uuid(), s.id, v.key, v.label, v.label_en, v.suggested, v.done, v.counts, v.position
      from spaces s, (values ('planerad','Planerad','Planned',0,false,true,0), ('pagar','Pågår','In progress',null,false,true,1), ('klar','Klar','Done',100,true,true,2), ('pausad','Pausad','Paused',null,false,true,3), ('avbruten','Avbruten','Cancelled',null,false,false,4))
        as v(key, label, label_en, suggested, done, counts, position)`);
    await client.query(`insert into plans (id, space_id, slug, title, vision, period_start, period_end, rule, published) select gen_random_uuid(), id, 'plan-' || region_code, 'Verksamhetsplan ' || name || ' 2025–2027', 'Digitalisering i samverkan', 2025, 2027, 'mean', true from spaces`);
    await client.query(`insert into plan_focus_areas (id, plan_id, title, position, rule, weight) select gen_random_uuid(), p.id, 'Fokusområde ' || n, n, case when n % 2 = 0 then 'weighted' else 'mean' end, n from plans p, generate_series(1, 4) n`);
    await client.query(`insert into plan_goals (id, plan_id, focus_area_id, title, position, rule, weight) select gen_random_uuid(), f.plan_id, f.id, f.title || ', mål ' || n, n, case when n = 3 then 'done' else 'weighted' end, n from plan_focus_areas f, generate_series(1, 3) n`);
    await client.query(`insert into action_plans (id, plan_id, year) select gen_random_uuid(), p.id, y from plans p, generate_series(2025, 2027) y`);
    // 200 actions a plan: 80 in 2025, 70 in 2026, 50 in 2027.
    await client.query(`
      insert into plan_actions (id, action_plan_id, plan_id, ref, title, description, contact_name, status_id, progress, starts_on, ends_on, changed_at, created_at)
      select gen_random_uuid(), ap.id, ap.plan_id, 'A' || ap.year || '-' || n, 'Åtgärd ' || n || ' för ' || ap.year, 'Beskrivning av åtgärden', 'Kim Kontakt',
             (select st.id from plan_statuses st join plans p on p.space_id = st.space_id where p.id = ap.plan_id and st.position = n % 5),
             (n * 7) % 101, make_date(ap.year, 1, 1), make_date(ap.year, 12, 31), now() - make_interval(days => n), now() - interval '400 days'
      from action_plans ap, generate_series(1, 80) n
      where n <= case ap.year when 2025 then 80 when 2026 then 70 else 50 end`);
    await client.query(`create temporary table numbered_actions as select a.id, a.plan_id, row_number() over (partition by a.plan_id order by a.ref) as n from plan_actions a`);
    await client.query(`
      insert into plan_action_owners (action_id, organisation_id)
      select a.id, m.id from numbered_actions a join plans p on p.id = a.plan_id join spaces s on s.id = p.space_id
      cross join lateral (select o.id from organisations o where o.county_code = s.region_code and o.kind = 'municipality' order by o.municipality_code offset (a.n % 4) limit 2) m`);
    await client.query(`
      insert into plan_action_goals (action_id, goal_id, weight)
      select a.id, g.id, 1 + a.n % 3 from numbered_actions a
      cross join lateral (select g.id from plan_goals g where g.plan_id = a.plan_id order by g.focus_area_id, g.position offset (a.n % 11) limit 2) g`);
    await client.query(`insert into plan_milestones (id, action_id, title, due_on, done_on) select gen_random_uuid(), a.id, 'Delmål ' || k, make_date(2026, 2 + k * 3, 1), case when k = 1 then make_date(2026, 4, 1) end from numbered_actions a, generate_series(1, 2) k`);
    await client.query(`
      insert into plan_reports (id, action_id, reporter_name, status_id, progress, comment, created_at)
      select gen_random_uuid(), a.id, 'Rapportör ' || (k % 3 + 1), a.status_id, least(100, k * 5), 'Läget efter månad ' || k, now() - make_interval(days => (20 - k) * 30)
      from plan_actions a, generate_series(1, 20) k`);
    await client.query("vacuum analyze");
    const count = async (table: string) => Number((await client.query(`select count(*)::int as n from ${table}`)).rows[0].n);
    const [plans, actions, reports] = [await count("plans"), await count("plan_actions"), await count("plan_reports")];
    const generateSeconds = (performance.now() - started) / 1000;
    const slugs = (await client.query(`select slug from plans order by slug`)).rows.map((r) => r.slug as string);
    const onePlan = (await client.query(`select id from plans order by slug limit 1`)).rows[0].id as string;
    const queryPlan = (
      await client.query(
        `explain (analyze, buffers off, timing off, summary on)
         select a.id as action_id, a.carried_from_id, r.progress, r.status_id from plan_actions a
         left join lateral (select progress, status_id from plan_reports where action_id = a.id and created_at < now() - interval '200 days' order by created_at desc, seq desc limit 1) r on true
         where a.plan_id = $1`,
        [onePlan],
      )
    ).rows
      .map((r) => r["QUERY PLAN"])
      .join("\n");
    await client.end();

    const server = await startServer(env);
    try {
      const auth = { authorization: `Bearer ${token}` };
      let turn = 0;
      let non2xx = 0;
      const measure = async (concurrency: number, path: (slug: string) => string, headers: Record<string, string> = {}) => {
        const p95s: number[] = [];
        const p99s: number[] = [];
        for (let i = 0; i < o.runs; i++) {
          const r = await runLoad(server.url, { concurrency, durationMs: o.durationMs, next: () => ({ method: "GET", path: path(slugs[turn++ % slugs.length]!), headers: { "accept-encoding": "gzip", ...headers } }) });
          for (const [status, n] of r.statuses) if (status < 200 || status >= 300) non2xx += n;
          non2xx += r.errors;
          p95s.push(percentile(r.latenciesMs, 95));
          p99s.push(percentile(r.latenciesMs, 99));
        }
        return { p95: round(median(p95s)), p99: round(median(p99s)) };
      };
      const size = async (path: string, headers: Record<string, string> = {}) => (await (await fetch(`${server.url}${path}`, { headers })).arrayBuffer()).byteLength;
      const page = await measure(4, (slug) => `/planer/${slug}`);
      const since = await measure(4, (slug) => `/planer/${slug}?sedan=2026-06-01`);
      const csv = await measure(2, (slug) => `/api/v1/plans/${slug}/file`, auth);
      const xlsx = await measure(2, (slug) => `/api/v1/plans/${slug}/file?format=xlsx`, auth);
      return {
        plans,
        actions,
        reports,
        generateSeconds: round(generateSeconds),
        runs: o.runs,
        pageP95: page.p95,
        pageP99: page.p99,
        sinceP95: since.p95,
        csvP95: csv.p95,
        xlsxP95: xlsx.p95,
        pageBytes: await size(`/planer/${slugs[0]}`),
        csvBytes: await size(`/api/v1/plans/${slugs[0]}/file`, auth),
        csvLines: (await (await fetch(`${server.url}/api/v1/plans/${slugs[0]}/file`, { headers: auth })).text()).trim().split("\r\n").length,
        non2xx,
        queryPlan,
      };
    } finally {
      await server.kill();
    }
  } finally {
    await database.drop();
  }
}

