/**
 * The pure IAX2 protocol engine (RFC 5456): {@link org.faxgw.iax2.protocol.Iax2Protocol} owns the
 * bounded call table and turns (datagram, source address, now) and {@code tick(now)} into datagrams
 * to send and {@link org.faxgw.iax2.protocol.ProtocolEvent}s, through a {@link
 * org.faxgw.iax2.protocol.ProtocolOutput}. No sockets, clocks or threads: the transport (package
 * {@code org.faxgw.iax2.transport}) only shuttles bytes and drives time.
 *
 * <ul>
 *   <li>Reliability, RFC 5456 section 7: OSeqno/ISeqno, explicit and implicit ACK, retransmission
 *       with the R bit and Asterisk's timer ({@link
 *       org.faxgw.iax2.protocol.ProtocolConfig.Retransmit#ASTERISK}), VNAK on a gap and resending
 *       on a VNAK (8.4), INVAL for unknown calls, linger after HANGUP/REJECT.
 *   <li>Calls, section 6 and 8.4: NEW, ACCEPT, AUTHREQ/AUTHREP (MD5 per 8.6.16, plaintext only
 *       where configured, RSA refused), CONTROL RINGING/ANSWER/BUSY/CONGESTION/PROGRESS (8.3),
 *       HANGUP and REJECT with CAUSE/CAUSECODE (8.6.20-21), PING/PONG with RR_* IEs, LAGRQ/LAGRP,
 *       POKE.
 *   <li>CALLTOKEN (IE 54, frame 40; Asterisk's extension): as caller an empty IE in the first NEW
 *       or REGREQ and the NEW again with the token; as callee stateless HMAC tokens, so a NEW
 *       without a valid token creates no state (per user/peer {@code requireCallToken}).
 *   <li>Registration, 6.2-6.4: as registrar REGREQ, REGAUTH, REGACK/REGREJ, REGREL; as client
 *       REGREQ, the REGAUTH answer, REGACK, re-registration 5 s before expiry.
 *   <li>Codec choice among A-law, µ-law and slinear from FORMAT/CAPABILITY (FORMAT2/CAPABILITY2
 *       when present).
 *   <li>Media, 8.1.2: 20 ms frames with timestamps from the sample count, a full VOICE frame first,
 *       on a format change and when the upper 16 timestamp bits change; received voice through the
 *       playout buffer of {@link org.faxgw.iax2.media}.
 * </ul>
 */
package org.faxgw.iax2.protocol;
