package org.faxgw.gateway.analyze;

/** The input is not a capture this reader understands; the message is one line for the user. */
public final class PcapFormatException extends Exception {
  public PcapFormatException(String message) {
    super(message);
  }
}
