/** The day itself: check-in lists and stations, tickets, and the roles organisers give per event. */
import type { Module } from "../http/module.js";
import { registerCheckinApi } from "./api/checkin.js";
import { badgeRoutes } from "./routes/badges.js";
import { checkinRoutes } from "./routes/pages.js";

export const checkinModule: Module = { name: "checkin", pages: [checkinRoutes, badgeRoutes], api: [registerCheckinApi] };
