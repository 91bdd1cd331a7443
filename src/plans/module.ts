/** Plans: the business plan and its action plans, progress reports, and the public follow-up. */
import type { Module } from "../http/module.js";
import { registerPlanActionApi } from "./api/actions.js";
import { registerPlanApi } from "./api/plans.js";
import { planFileRoutes } from "./routes/file.js";
import { planIdeaRoutes } from "./routes/ideas.js";
import { planManageRoutes } from "./routes/manage.js";
import { planRoutes } from "./routes/public.js";

// The organiser's routes first: /planer/ny is not a plan's address (nor folj, sluta-folja: see schemas.ts).
export const plansModule: Module = { name: "plans", pages: [planManageRoutes, planFileRoutes, planIdeaRoutes, planRoutes], api: [registerPlanApi, registerPlanActionApi] };
