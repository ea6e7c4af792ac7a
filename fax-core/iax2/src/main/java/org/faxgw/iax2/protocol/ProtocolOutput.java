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

  /** Something happened that the endpoint may want to know. */
  void event(ProtocolEvent event);
}
