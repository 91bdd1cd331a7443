/**
 * Tillgänglighetsredogörelse, with the contents lag (2018:1937) and DIGG's regulation
 * MDFFS 2019:2 require: who it covers, compliance status, what is not accessible and why,
 * how to report problems and ask for content in another form, the enforcement
 * procedure (DIGG), how the service was assessed and when.
 */
import type { Ui } from "../http/ui.js";

export function AccessibilityStatement({ ui, contactEmail }: { ui: Ui; contactEmail: string }) {
  return ui.locale === "sv" ? <Swedish contactEmail={contactEmail} /> : <English contactEmail={contactEmail} />;
}

function Swedish({ contactEmail }: { contactEmail: string }) {
  return (
    <article class="stack">
      <h1 class="ds-heading" data-size="lg">Tillgänglighetsredogörelse</h1>
      <p class="ds-paragraph">
        Den här redogörelsen gäller webbplatsen Samverka, som används av regioner, kommuner och deras nätverk för
        konferenser och samverkan. Vi vill att så många som möjligt ska kunna använda webbplatsen. Här beskriver vi hur
        Samverka uppfyller lagen (2018:1937) om tillgänglighet till digital offentlig service, kända brister och hur du
        kan rapportera problem så att vi kan åtgärda dem.
      </p>
      <h2 class="ds-heading" data-size="md">Hur tillgänglig är webbplatsen?</h2>
      <p class="ds-paragraph">
        Webbplatsen är byggd för att uppfylla nivå AA i WCAG 2.1 (standarden EN 301 549). Alla sidor går att använda med
        tangentbord, har en länk för att hoppa till huvudinnehållet, synliga etiketter på alla fält och fungerar utan
        JavaScript. Texten kan förstoras till 200 procent. Sidorna finns på svenska och engelska.
      </p>
      <h2 class="ds-heading" data-size="md">Vad kan du göra om du inte kan använda delar av webbplatsen?</h2>
      <p class="ds-paragraph">
        Om du behöver innehåll i ett annat format, till exempel ett program i större text eller uppläst, kontakta
        arrangören av evenemanget eller skriv till <a class="ds-link" href={`mailto:${contactEmail}`}>{contactEmail}</a>.
        Vi svarar inom fem arbetsdagar.
      </p>
      <h2 class="ds-heading" data-size="md">Rapportera brister i webbplatsens tillgänglighet</h2>
      <p class="ds-paragraph">
        Vi strävar hela tiden efter att förbättra tillgängligheten. Om du upptäcker problem som inte beskrivs på den här
        sidan, eller om du anser att vi inte uppfyller lagens krav, meddela oss på{" "}
        <a class="ds-link" href={`mailto:${contactEmail}`}>{contactEmail}</a> så att vi får veta att problemet finns.
      </p>
      <h2 class="ds-heading" data-size="md">Tillsyn</h2>
      <p class="ds-paragraph">
        Myndigheten för digital förvaltning (Digg) har ansvaret för tillsyn av lagen om tillgänglighet till digital
        offentlig service. Om du inte är nöjd med hur vi hanterar dina synpunkter kan du{" "}
        <a class="ds-link" href="https://www.digg.se/tdosanmalan">kontakta Digg och påtala det</a>.
      </p>
      <h2 class="ds-heading" data-size="md">Teknisk information om webbplatsens tillgänglighet</h2>
      <p class="ds-paragraph">Webbplatsen är delvis förenlig med lagen om tillgänglighet till digital offentlig service, på grund av de brister som beskrivs nedan.</p>
      <h3 class="ds-heading" data-size="sm">Innehåll som inte är tillgängligt</h3>
      <ul class="ds-list">
        <li>
          API-dokumentationen på /api/docs bygger på verktyget Swagger UI och är avsedd för utvecklare. Den finns
          bara på engelska och fungerar inte utan JavaScript. Den testas med axe-core som övriga sidor. Samma
          information finns som maskinläsbar fil på /api/v1/openapi.json.
        </li>
        <li>
          Beskrivningar av evenemang, program och utställare skrivs av arrangörerna. Vi kan inte garantera att
          arrangörernas texter är skrivna på lättläst svenska eller finns på engelska.
        </li>
      </ul>
      <h2 class="ds-heading" data-size="md">Hur vi testat webbplatsen</h2>
      <p class="ds-paragraph">
        Vi testar varje sidtyp automatiskt med axe-core mot WCAG 2.1 A och AA vid varje ändring, och vi testar med
        tangentbord att det går att skapa och publicera ett evenemang. Automatiska test hittar ungefär hälften av alla
        problem, så vi granskar också manuellt. Senaste bedömningen gjordes den 23 november 2026.
      </p>
      <p class="ds-paragraph">Redogörelsen uppdaterades senast den 30 november 2026.</p>
    </article>
  );
}

function English({ contactEmail }: { contactEmail: string }) {
  return (
    <article class="stack">
      <h1 class="ds-heading" data-size="lg">Accessibility statement</h1>
      <p class="ds-paragraph">
        This statement covers Samverka, the website that Swedish regions, municipalities and their networks use for
        conferences and collaboration. We want as many people as possible to be able to use it. Here we describe how
        Samverka meets the Swedish Act (2018:1937) on accessibility of digital public services, known shortcomings and
        how to report problems so that we can fix them.
      </p>
      <h2 class="ds-heading" data-size="md">How accessible is the website?</h2>
      <p class="ds-paragraph">
        The website is built to meet WCAG 2.1 level AA (standard EN 301 549). Every page works with a keyboard, has a
        link to skip to the main content, visible labels on all fields and works without JavaScript. Text can be
        enlarged to 200 per cent. Pages are available in Swedish and English.
      </p>
      <h2 class="ds-heading" data-size="md">What to do if you cannot use parts of the website</h2>
      <p class="ds-paragraph">
        If you need content in another format, contact the event's organiser or write to{" "}
        <a class="ds-link" href={`mailto:${contactEmail}`}>{contactEmail}</a>. We answer within five working days.
      </p>
      <h2 class="ds-heading" data-size="md">Reporting accessibility problems</h2>
      <p class="ds-paragraph">
        If you find problems not described on this page, or think we do not meet the law's requirements, tell us at{" "}
        <a class="ds-link" href={`mailto:${contactEmail}`}>{contactEmail}</a>.
      </p>
      <h2 class="ds-heading" data-size="md">Enforcement procedure</h2>
      <p class="ds-paragraph">
        The Agency for Digital Government (Digg) is responsible for enforcing the act. If you are not satisfied with how
        we handle your comments, you can <a class="ds-link" href="https://www.digg.se/tdosanmalan">contact Digg</a>.
      </p>
      <h2 class="ds-heading" data-size="md">Technical information about the website's accessibility</h2>
      <p class="ds-paragraph">The website is partially compliant with the act, because of the shortcomings described below.</p>
      <h3 class="ds-heading" data-size="sm">Content that is not accessible</h3>
      <ul class="ds-list">
        <li>
          The API documentation at /api/docs uses Swagger UI and is meant for developers. It is in English only and
          does not work without JavaScript. It is tested with axe-core like the other pages. The same information is
          available as /api/v1/openapi.json.
        </li>
        <li>Descriptions of events, programmes and exhibitors are written by organisers and may not be available in English.</li>
      </ul>
      <h2 class="ds-heading" data-size="md">How we tested the website</h2>
      <p class="ds-paragraph">
        Every page type is tested automatically with axe-core against WCAG 2.1 A and AA on every change, and we test by
        keyboard that an event can be created and published. Automated tests find about half of all problems, so we
        also review manually.
      </p>
      <p class="ds-paragraph">This statement was last updated on 30 November 2026.</p>
    </article>
  );
}
