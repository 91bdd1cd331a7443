/**
 * Samverka's modules, in the order their pages are tried. A new module makes its folder
 * (routes/, api/, views/, texts/, sql/, domain code) with a `module.ts`, and is added here
 * and, for its texts, in src/i18n/catalog.ts.
 */
import { adminModule } from "./admin/module.js";
import { archiveModule } from "./archive/module.js";
import { authModule } from "./auth/module.js";
import { checkinModule } from "./checkin/module.js";
import { devModule } from "./dev/module.js";
import { eventsModule } from "./events/module.js";
import { filesModule } from "./files/module.js";
import type { Module } from "./http/module.js";
import { liveModule } from "./live/module.js";
import { networksModule } from "./networks/module.js";
import { organisationsModule } from "./organisations/module.js";
import { pagesModule } from "./pages/module.js";
import { peopleModule } from "./people/module.js";
import { plansModule } from "./plans/module.js";
import { prizesModule } from "./prizes/module.js";
import { registrationModule } from "./registration/module.js";
import { remoteModule } from "./remote/module.js";
import { sessionsModule } from "./sessions/module.js";
import { spacesModule } from "./spaces/module.js";
import { surveysModule } from "./surveys/module.js";

export const modules: Module[] = [pagesModule, eventsModule, authModule, organisationsModule, peopleModule, spacesModule, registrationModule, sessionsModule, remoteModule, liveModule, plansModule, networksModule, prizesModule, archiveModule, surveysModule, checkinModule, adminModule, filesModule, devModule];
