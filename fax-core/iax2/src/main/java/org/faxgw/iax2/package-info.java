/**
 * IAX2 (RFC 5456): full and mini frames, information elements, per-call state, retransmission,
 * registration, MD5 authentication, CALLTOKEN, playout buffer; the Netty UDP transport at the edge.
 */
package org.faxgw.iax2;
