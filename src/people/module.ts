/** People: one profile each, reused everywhere (its pages are the profile, in auth). */
import type { Module } from "../http/module.js";
import { registerPeopleApi } from "./api.js";

export const peopleModule: Module = { name: "people", pages: [], api: [registerPeopleApi] };
