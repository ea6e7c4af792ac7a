package org.faxgw.iax2.transport;

import java.net.InetSocketAddress;
import org.faxgw.iax2.Iax2Frame;

/**
 * Sees every datagram the endpoint sends or receives, decoded, for a signalling ladder ({@code
 * faxgw iax2 probe}) or a trace. Called on the event loop; must not block.
 */
@FunctionalInterface
public interface FrameTap {
  /**
   * @param outbound true for a frame we send
   * @param atMillis the endpoint's clock (milliseconds since it started)
   * @param remote the far end
   * @param frame the decoded frame (mini frames too; a malformed one as {@code MalformedFrame})
   */
  void frame(boolean outbound, long atMillis, InetSocketAddress remote, Iax2Frame frame);
}
