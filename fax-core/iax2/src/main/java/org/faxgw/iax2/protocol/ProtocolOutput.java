package org.faxgw.iax2.protocol;

import java.net.InetSocketAddress;

/**
 * Where an {@link Iax2Protocol} puts what it produces: datagrams for the transport to send and
 * events for the endpoint. Called synchronously from inside the protocol's methods, on the thread
 * that owns it; implementations must not call back into the protocol.
 */
public interface ProtocolOutput {
  /** Send these bytes (one IAX2 frame, owned by the callee from now on) to {@code to}. */
  void send(InetSocketAddress to, byte[] datagram);

  /**
   * Send {@code datagram[0..len)} to {@code to}. The array stays the protocol's, which writes the
   * next 20 ms frame into it: copy what is kept past the return. By default a copy goes to {@link
   * #send}; a transport that copies into its own buffers anyway overrides this.
   */
  default void sendBorrowed(InetSocketAddress to, byte[] datagram, int len) {
    send(to, java.util.Arrays.copyOf(datagram, len));
  }

  /** Something happened that the endpoint may want to know. */
  void event(ProtocolEvent event);
}
