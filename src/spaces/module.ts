/** Organiser spaces and their organisers (the pages are the organiser's start page, in events). */
import type { Module } from "../http/module.js";
import { registerSpaceApi } from "./api.js";

export const spacesModule: Module = { name: "spaces", pages: [], api: [registerSpaceApi] };
