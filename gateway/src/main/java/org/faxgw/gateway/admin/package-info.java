/**
 * The command API's client side and its contract: JSON over HTTP/1.1 on {@code admin.listen}, used
 * by sendfax, faxstat, faxrm and reload ({@link org.faxgw.gateway.admin.AdminClient}), the job
 * operations it needs ({@link org.faxgw.gateway.admin.AdminJobs}) and the job's JSON. The server
 * side is {@code org.faxgw.gateway.http.CommandRoutes}; it has no login and answers loopback
 * clients only (others get 403).
 *
 * <p>Endpoints (stable, version 1):
 *
 * <ul>
 *   <li>{@code GET /v1/status} → {@code {"server":"faxgw","version":..,"smtp":"host:port",
 *       "faxLines":0}}
 *   <li>{@code GET /v1/jobs?queue=send|done|all} → {@code {"jobs":[JOB...]}}
 *   <li>{@code GET /v1/jobs/ID} → {@code JOB}, or 404
 *   <li>{@code DELETE /v1/jobs/ID} → {@code {"removed":JOB}}, or 404
 *   <li>{@code POST /v1/jobs} with {@code {"owner":..,"numbers":[..],"cover":text|null,
 *       "resolution":"fine"|"normal"|null,"notify":..|null,"sendAt":RFC3339|null,
 *       "documents":[{"name":..,"contentType":..|null,"data":BASE64}]}} → {@code
 *       {"host":..,"jobs":[JOB...]}}, or 400 {@code {"error":..}}
 *   <li>{@code GET /v1/received} → {@code {"received":[{"commId","pages","sender","callerNumber",
 *       "did","received","file","size","protect","owner","error"}...]}}: the faxes kept in {@code
 *       <dataDir>/recvq/} (pages -1 when unknown)
 * </ul>
 *
 * <p>A JOB is the object written by {@link org.faxgw.gateway.admin.JobJson}; its keys are listed
 * there and are what {@code faxstat --json} prints.
 */
package org.faxgw.gateway.admin;
