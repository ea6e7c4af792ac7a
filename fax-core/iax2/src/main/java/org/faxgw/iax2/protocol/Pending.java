package org.faxgw.iax2.protocol;

/**
 * A full frame we sent that counts in OSeqno and waits for its ACK (explicit, or implicit through a
 * later frame's ISeqno, RFC 5456 section 7). Mutable; belongs to its call.
 */
final class Pending {
  final int oSeqno;
  final byte[] frame;
  long nextAt;
  long interval;
  int retries;

  Pending(int oSeqno, byte[] frame, long nextAt, long interval) {
    this.oSeqno = oSeqno;
    this.frame = frame;
    this.nextAt = nextAt;
    this.interval = interval;
  }
}
