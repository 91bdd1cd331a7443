/** English texts of logging in and the profile page (the Swedish ones are in ./sv.ts). */
import type { sv } from "./sv.js";

export const en: Record<keyof typeof sv, string> = {
  "error.token_invalid": "The link is invalid, already used or too old. Ask for a new link.",
  "login.title": "Log in",
  "login.lead": "Enter your e-mail address and we will send you a login link. You do not need a password.",
  "login.done": "You are logged in.",
  "login.send": "Send link",
  "login.sent.title": "Check your e-mail",
  "login.sent.body": "If the address is known to us, we have sent a link to {email}. The link is valid for {minutes} minutes and can be used once.",
  "login.confirm.title": "Confirm login",
  "login.confirm.body": "Press the button to log in.",
  "login.confirm.button": "Log in",
  "login.mail.subject": "Your login link for Samverka",
  "login.mail.body": "Hello,\n\nOpen the link to log in to Samverka:\n{link}\n\nThe link is valid for {minutes} minutes and can be used once. If you did not ask for it, you can ignore this message.",
  "login.name": "Your name",
  "login.nameHint": "Only needed the first time you log in.",
  "logout.done": "You are logged out.",

  "profile.title": "My profile",
  "profile.lead": "These details are used for every event you register for, so you only type them once.",
  "profile.organisationHint": "Type a name or municipality code and pick from the list.",
  "profile.tokens": "API tokens",
  "profile.tokensLead": "With an API token, other systems can read and change events for your organisers.",
  "profile.newToken": "Create token",
  "profile.tokenCreated": "Your new token. Copy it now, it will not be shown again:",
  "profile.revoke": "Revoke",
  "profile.revoked": "Revoked",
};
