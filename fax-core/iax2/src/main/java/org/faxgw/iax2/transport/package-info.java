/**
 * The IAX2 endpoint on Netty (RFC 5456 over UDP): one datagram channel for every call, whose
 * datagrams go into the pure protocol object and whose output goes back out; a 20 ms media clock
 * per answered call on the event loop's timers ({@link org.faxgw.iax2.transport.MediaClock}, set
 * from the tick count against the call's start, so it never drifts and never blocks). The public
 * types are {@link org.faxgw.iax2.transport.NettyIax2Endpoint} and its {@link
 * org.faxgw.iax2.transport.Iax2EndpointConfig}; Netty appears in no other package of this module.
 */
package org.faxgw.iax2.transport;
