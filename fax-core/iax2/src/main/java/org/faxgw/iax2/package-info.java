/**
 * IAX2 (RFC 5456) for a fax endpoint. This package is the API the gateway uses:
 *
 * <ul>
 *   <li>{@link org.faxgw.iax2.Iax2Endpoint}, {@link org.faxgw.iax2.Iax2Call}, {@link
 *       org.faxgw.iax2.IncomingCall}, {@link org.faxgw.iax2.InboundCallHandler}, {@link
 *       org.faxgw.iax2.CallListener}, {@link org.faxgw.iax2.CallAudio}, {@link
 *       org.faxgw.iax2.HangupCause}: calls as the gateway sees them (implemented on Netty in {@code
 *       org.faxgw.iax2.transport}).
 *   <li>Frames, section 8.1: {@link org.faxgw.iax2.Iax2FrameDecoder} (pure, never throws) and
 *       {@link org.faxgw.iax2.Iax2FrameEncoder}, the sealed {@link org.faxgw.iax2.Iax2Frame} with
 *       {@link org.faxgw.iax2.FullFrame} (8.1.1, 12-octet header, R bit, C bit for subclasses of
 *       0x80 and more), {@link org.faxgw.iax2.MiniFrame} (8.1.2, 4-octet header, low 16 timestamp
 *       bits), {@link org.faxgw.iax2.MetaFrame} (8.1.3) and {@link org.faxgw.iax2.MalformedFrame};
 *       information elements (8.6) as {@link org.faxgw.iax2.InformationElement} with {@link
 *       org.faxgw.iax2.IeType}, unknown ones kept and skipped by length; frame types (8.2), IAX
 *       subclasses (8.4), CONTROL subclasses (8.3) and media formats (8.7). All numbers are
 *       big-endian on the wire.
 * </ul>
 *
 * <p>Sub-packages: {@code protocol} (the pure engine: calls, reliability, authentication,
 * CALLTOKEN, registration), {@code media} (playout buffer, voice payloads), {@code transport}
 * (Netty UDP, the only place with sockets and threads).
 */
package org.faxgw.iax2;
