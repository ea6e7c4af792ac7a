/**
 * What happens in the gateway, as events for the web console's live view ({@code GET
 * /api/v1/events}, server-sent events) and for the metrics: job changes seen where they are written
 * ({@link org.faxgw.gateway.events.ObservedJobStore}, a decorator of the job store), line states
 * and received faxes found by polling ({@link org.faxgw.gateway.events.GatewayWatcher}). Listeners
 * are called on the thread that made the change and must not block.
 */
package org.faxgw.gateway.events;
