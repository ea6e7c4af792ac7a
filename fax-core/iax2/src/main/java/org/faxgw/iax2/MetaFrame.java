package org.faxgw.iax2;

/**
 * A meta frame, RFC 5456 section 8.1.3 (first 16 bits zero): a video mini frame or a trunk frame.
 * Kept only as its length; a fax endpoint neither sends nor needs them.
 *
 * @param video true for a video mini frame (bit 15 of the second word set), false for a meta
 *     command such as a trunk frame
 * @param length the datagram's length in octets
 */
public record MetaFrame(boolean video, int length) implements Iax2Frame {}
