/**
 * The gateway's meters (Micrometer) and their Prometheus text for {@code GET /metrics}: jobs by
 * state, calls by outcome and reason, pages sent and received, signal rate and ECM use, render time
 * per page, SMTP replies by code, outbox depth and age, line use, and the JVM's own meters. Names
 * follow Prometheus conventions ({@code faxgw_} prefix, base units, {@code _total} for counters).
 */
package org.faxgw.gateway.metrics;
