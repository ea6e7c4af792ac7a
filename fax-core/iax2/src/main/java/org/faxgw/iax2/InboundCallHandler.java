package org.faxgw.iax2;

/** Decides about incoming calls; runs on the event loop and must not block. */
@FunctionalInterface
public interface InboundCallHandler {
  void incoming(IncomingCall call);
}
