/** Seats in sessions and personal agendas: choosing workshops and seminars with a limited number of seats, their waiting lists and lists. */
import type { Module } from "../http/module.js";
import { registerSeatApi } from "./api/seats.js";
import { agendaRoutes } from "./routes/agenda.js";
import { seatRoutes } from "./routes/pages.js";

export const sessionsModule: Module = { name: "sessions", pages: [seatRoutes, agendaRoutes], api: [registerSeatApi] };
