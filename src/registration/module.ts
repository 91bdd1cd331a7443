/** Registration: the participant's pages, the organiser's lists and settings, delegations, the API. */
import type { Module } from "../http/module.js";
import { registerDelegationApi } from "./api/delegations.js";
import { registerQuestionApi } from "./api/questions.js";
import { registerRegistrationApi } from "./api/registrations.js";
import { delegationRoutes } from "./routes/delegation.js";
import { registrationAdminRoutes } from "./routes/organiser.js";
import { participantRoutes } from "./routes/participant.js";

export const registrationModule: Module = {
  name: "registration",
  pages: [participantRoutes, registrationAdminRoutes, delegationRoutes],
  api: [registerRegistrationApi, registerDelegationApi, registerQuestionApi],
};
