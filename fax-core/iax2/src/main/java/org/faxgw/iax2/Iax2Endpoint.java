package org.faxgw.iax2;

import java.util.List;

/**
 * An IAX2 endpoint as the gateway sees it: place calls to configured peers, take calls from peers
 * and users, and keep registrations. The Netty implementation lives in the transport package; tests
 * of the gateway may use a fake.
 */
public interface Iax2Endpoint extends AutoCloseable {

  /**
   * Places a call to {@code number} through the configured peer {@code peer}. Returns at once; the
   * listener hears ringing/answered/ended. Once answered, the endpoint drives {@code audio} every
   * 20 ms until the call ends.
   *
   * @throws IllegalArgumentException when no peer of that name is configured
   */
  Iax2Call dial(String peer, String number, CallAudio audio, CallListener listener);

  /** Sets who decides about incoming calls (calls arriving without a handler are rejected). */
  void onIncoming(InboundCallHandler handler);

  /**
   * Stops taking new calls (incoming NEWs get REJECT, registrations to us are refused and ours are
   * released with REGREL); calls in progress go on.
   */
  void drain();

  /**
   * Puts other peers and users in force (a configuration reload): new calls and NEWs see them;
   * calls in progress go on with the peer they were placed with.
   *
   * @throws UnsupportedOperationException when this endpoint cannot change them while running
   */
  default void replacePeers(org.faxgw.iax2.transport.Iax2EndpointConfig next) {
    throw new UnsupportedOperationException("this IAX2 endpoint cannot change its peers");
  }

  /** The number of calls in progress. */
  int activeCalls();

  /** Peers registered to us (we are their registrar), for the operator's view. */
  List<Registration> registrations();

  /** Hangs up every call and closes the socket. */
  @Override
  void close();

  /**
   * One registration held by us as registrar.
   *
   * @param user the user name that registered
   * @param address "host:port" it registered from
   * @param expiresAtMillis when it lapses (epoch milliseconds of the endpoint's clock)
   */
  record Registration(String user, String address, long expiresAtMillis) {}
}
