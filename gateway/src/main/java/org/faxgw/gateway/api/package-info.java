/**
 * The REST API under {@code /api/v1} (JSON over HTTP, Javalin routes registered by {@link
 * org.faxgw.gateway.api.ApiRoutes}): session login with PBKDF2-checked accounts, a session cookie
 * ({@code HttpOnly; SameSite=Strict}, {@code Secure} under TLS) and a per-session CSRF token for
 * every change (OWASP CSRF cheat sheet: synchronizer token in a custom header); jobs, received
 * faxes, lines, outbox, session logs, page thumbnails, server-sent events (WHATWG HTML "Server-sent
 * events") and the OpenAPI 3.0 document ({@code openapi.json} beside the classes), which a test
 * holds equal to the routes. A user sees their own jobs; admins everything.
 */
package org.faxgw.gateway.api;
