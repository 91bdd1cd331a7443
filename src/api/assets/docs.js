// Starts Swagger UI on /api/docs. Examples are plain text: the highlighter's colours on
// its dark background fall below WCAG 2.1 AA contrast.
window.ui = SwaggerUIBundle({ url: "/api/v1/openapi.json", dom_id: "#swagger-ui", syntaxHighlight: false });

// Swagger UI's dialogs close with a button that shows only a cross: give it a name
// (WCAG 4.1.2), also when a dialog is drawn again.
new MutationObserver(() => {
  for (const button of document.querySelectorAll(".close-modal:not([aria-label])")) button.setAttribute("aria-label", "Close");
}).observe(document.getElementById("swagger-ui"), { childList: true, subtree: true });

// The skip link moves focus itself: on this page Chromium left focus on the link when it
// followed the fragment (test/browser/api-docs.test.ts).
document.querySelector(".skip-link").addEventListener("click", () => document.getElementById("reference").focus());
