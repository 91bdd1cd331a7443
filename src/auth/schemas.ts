import { z } from "@hono/zod-openapi";
import { LIMITS, email, optionalId, optionalText, requiredText } from "../shared/fields.js";

export const LoginRequest = z.object({
  email,
  name: optionalText(LIMITS.name),
});

export const LoginConfirm = z.object({ token: z.string().min(10).max(200) });

export const ProfileInput = z
  .strictObject({
    name: requiredText(LIMITS.name),
    organisationId: optionalId,
    title: optionalText(LIMITS.title),
    bio: optionalText(2000),
  })
  .openapi("ProfileInput");

export const ApiTokenInput = z.object({ tokenName: requiredText(100) });
