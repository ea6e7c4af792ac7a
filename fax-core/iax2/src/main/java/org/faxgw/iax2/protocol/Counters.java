package org.faxgw.iax2.protocol;

/**
 * Mutable counters of one protocol object (its thread only); read as {@link Iax2Protocol.Stats}.
 */
final class Counters {
  long datagrams;
  long malformed;
  long unknownCall;
  long invalSent;
  long duplicates;
  long outOfOrder;
  long vnaksSent;
  long retransmissions;
  long callTokensIssued;
  long callTokensRejected;
  long rejectedWithoutToken;
  long rejectedOverCapacity;
  long authFailures;
  long unexpected;
  long internalErrors;
}
