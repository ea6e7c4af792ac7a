package org.faxgw.iax2;

/**
 * Bytes that are not an IAX2 frame: too short, over the size limit, or with an information element
 * that runs past the end of the frame.
 *
 * @param reason one line saying what is wrong
 * @param length the datagram's length in octets
 */
public record MalformedFrame(String reason, int length) implements Iax2Frame {}
