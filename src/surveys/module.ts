/** The evaluation after an event: a survey of its own questions, sent with personal links, anonymous in its results. */
import type { Module } from "../http/module.js";
import { registerSurveyApi } from "./api.js";
import { surveyRoutes } from "./routes.js";

export const surveysModule: Module = { name: "surveys", pages: [surveyRoutes], api: [registerSurveyApi] };
