/** Seats in sessions: choosing workshops and seminars with a limited number of seats, their waiting lists and lists. */
import type { Module } from "../http/module.js";
import { registerSeatApi } from "./api/seats.js";
import { seatRoutes } from "./routes/pages.js";

export const sessionsModule: Module = { name: "sessions", pages: [seatRoutes], api: [registerSeatApi] };
