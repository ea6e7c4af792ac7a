/**
 * The gateway's HTTP server ({@link org.faxgw.gateway.http.GatewayHttpServer}, Javalin 6 on Jetty
 * 11, RFC 9110/9112): its connector (plain or TLS from PEM files), worker threads, security
 * headers, the console's static files, {@code /metrics}, and the loopback-only command API {@code
 * /v1} of sendfax, faxstat, faxrm and reload ({@link org.faxgw.gateway.http.CommandRoutes}); the
 * REST API's routes come from {@code org.faxgw.gateway.api}.
 */
package org.faxgw.gateway.http;
