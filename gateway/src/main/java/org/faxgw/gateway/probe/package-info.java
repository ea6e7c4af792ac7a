/**
 * {@code faxgw iax2 probe}: an administrator's test call over IAX2 (RFC 5456). It places one call
 * through the real endpoint ({@code org.faxgw.iax2.transport}), prints the signalling ladder of
 * full frames, the codec and the round-trip time, records what the far end sends and names what it
 * heard with the offline analyser (CED/CNG tones, T.30 4.1-4.2; V.21 HDLC frames, T.30 5.3), then
 * hangs up.
 */
package org.faxgw.gateway.probe;
