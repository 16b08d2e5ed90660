// The login form: the session's CSRF token first (GET /api/session), then POST /api/login; the room on success.
"use strict";

window.addEventListener("DOMContentLoaded", async () => {
  const $ = (id) => document.getElementById(id);
  const session = await (await fetch("/api/session", { cache: "no-store" })).json();
  if (session.person) { location.replace("/"); return; }
  $("login").addEventListener("submit", async (event) => {
    event.preventDefault();
    $("login-error").textContent = "";
    const response = await fetch("/api/login", {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": session.csrf },
      body: JSON.stringify({ person: $("person").value.trim(), password: $("password").value }),
    });
    if (response.ok) { location.replace("/"); return; }
    const doc = await response.json().catch(() => ({}));
    $("login-error").textContent = `登录失败 Login refused: ${doc.error || response.status}`;
    $("password").value = "";
    $("password").focus();
  });
  $("login-button").disabled = false;  // only now: a submit before the handler would reload the page
});
