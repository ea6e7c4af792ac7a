package org.faxgw.gateway.line;

/** What a fax line is doing, in the words {@code faxstat} shows (HylaFAX's modem status line). */
public sealed interface LineState {
  /** The words, e.g. {@code sending page 3/10 at 14400 bit/s ECM}. */
  String text();

  /** Free. */
  record Idle() implements LineState {
    @Override
    public String text() {
      return "idle";
    }
  }

  /** An outgoing call placed, not yet answered. */
  record Dialing(String number) implements LineState {
    @Override
    public String text() {
      return "dialing " + number;
    }
  }

  /** An outgoing fax call: page {@code page} of {@code pages} on its way. */
  record Sending(int page, int pages, int bitRate, boolean ecm) implements LineState {
    @Override
    public String text() {
      return "sending page "
          + page
          + "/"
          + pages
          + (bitRate > 0 ? " at " + bitRate + " bit/s" : "")
          + (ecm ? " ECM" : "");
    }
  }

  /** An incoming fax call: page {@code page} arriving from {@code from} (TSI, else caller ID). */
  record Receiving(String from, int page) implements LineState {
    @Override
    public String text() {
      return "receiving from " + (from.isEmpty() ? "<unknown>" : from) + ", page " + page;
    }
  }

  LineState IDLE = new Idle();
}
