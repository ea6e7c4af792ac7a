/**
 * Fax to email in the gateway: the mail egress service built from the {@code egress} and {@code
 * routing} config sections (bound in {@code org.faxgw.gateway.config}), the received-fax pipeline
 * (CommID, recvq TIFF, PDF, routing, outbox), outbound job notifications, and the {@code faxrcvd}
 * command that delivers a TIFF as if it had been received (HylaFAX's bin/faxrcvd role).
 */
package org.faxgw.gateway.inbound;
