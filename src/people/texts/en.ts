/** English texts of people's profiles (the Swedish ones are in ./sv.ts). */
import type { sv } from "./sv.js";

export const en: Record<keyof typeof sv, string> = {
  "error.email_taken": "A person with that e-mail address already exists.",
};
