package org.faxgw.gateway.analyze;

/**
 * One UDP datagram from a capture.
 *
 * @param index position of the packet in the capture, from 1
 * @param timeNanos capture time in nanoseconds since the epoch
 * @param source source address and port, such as {@code 127.0.0.1:4570}
 * @param destination destination address and port
 * @param payload the UDP payload (owned by this record; not copied)
 */
public record UdpDatagram(
    int index, long timeNanos, String source, String destination, byte[] payload) {}
