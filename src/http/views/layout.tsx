import type { Child } from "hono/jsx";
import type { Ui } from "../ui.js";

export interface Crumb {
  href?: string;
  label: string;
}

interface LayoutProps {
  ui: Ui;
  title: string;
  children?: Child;
  crumbs?: Crumb[];
  /** Prefix the title with "Fel:" when the page shows errors (WCAG 3.3.1). */
  hasErrors?: boolean;
  /** Scripts a page needs beyond app.js (progressive enhancement: the page works without them). */
  scripts?: string[];
}

export function Layout({ ui, title, children, crumbs, hasErrors, scripts }: LayoutProps) {
  const { t, locale, actor } = ui;
  const other = locale === "sv" ? "en" : "sv";
  const fullTitle = `${hasErrors ? (locale === "sv" ? "Fel: " : "Error: ") : ""}${title} – ${t("app.name")}`;
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        <link rel="stylesheet" href="/assets/ds.css" />
        <link rel="stylesheet" href="/assets/app.css" />
        <script src="/assets/app.js" defer></script>
        {scripts?.map((src) => <script src={src} defer></script>)}
      </head>
      <body>
        <a class="ds-skip-link" href="#main">
          {t("nav.skip")}
        </a>
        <header class="site-header">
          <div class="container header-row">
            <a class="site-name" href="/">
              {t("app.name")}
            </a>
            <nav aria-label={t("nav.main")}>
              <ul class="nav-list">
                <li><a href="/evenemang">{t("nav.events")}</a></li>
                <li><a href="/nationellt">{t("nav.national")}</a></li>
                <li><a href="/planer">{t("nav.plans")}</a></li>
                <li><a href="/natverk">{t("networks.nav")}</a></li>
                <li><a href="/pris">{t("prizes.nav")}</a></li>
                <li><a href="/arkiv">{t("archive.nav")}</a></li>
                <li><a href="/organisationer">{t("nav.organisations")}</a></li>
                {actor ? (
                  <>
                    <li><a href="/mina-anmalningar">{t("reg.mine.title")}</a></li>
                    {(actor.organises || actor.isPlatformAdmin) && <li><a href="/arrangor">{t("nav.organiser")}</a></li>}
                    <li><a href="/profil">{t("nav.profile")}</a></li>
                  </>
                ) : (
                  <li><a href={`/logga-in?tillbaka=${encodeURIComponent(ui.path)}`}>{t("nav.login")}</a></li>
                )}
                <li>
                  <a href={`/sprak/${other}?tillbaka=${encodeURIComponent(ui.path)}`} lang={other} hreflang={other}>
                    {t("nav.switchTo")}
                  </a>
                </li>
                {actor && (
                  <li>
                    <form method="post" action="/logga-ut" class="inline-form">
                      <input type="hidden" name="_csrf" value={ui.csrf} />
                      <button type="submit" class="link-button">{t("nav.logout")}</button>
                    </form>
                  </li>
                )}
              </ul>
            </nav>
          </div>
        </header>
        {crumbs && crumbs.length > 0 && (
          <nav aria-label={t("nav.breadcrumbs")} class="container ds-breadcrumbs">
            <ol>
              {crumbs.map((c) => (
                <li>{c.href ? <a href={c.href}>{c.label}</a> : <span aria-current="page">{c.label}</span>}</li>
              ))}
            </ol>
          </nav>
        )}
        <main id="main" tabindex={-1} class="container">
          {ui.flash && (
            <div class="ds-alert" data-color="success" role="status" data-autofocus tabindex={-1}>
              <p class="ds-paragraph">{ui.flash}</p>
            </div>
          )}
          {children}
        </main>
        <footer class="site-footer" aria-label={t("footer.label")}>
          <div class="container">
            <p class="ds-paragraph">{t("footer.about")}</p>
            <ul class="footer-links">
              <li><a href="/tillganglighet">{t("footer.accessibility")}</a></li>
              <li><a href="/api/docs">{t("footer.api")}</a></li>
            </ul>
          </div>
        </footer>
      </body>
    </html>
  );
}
