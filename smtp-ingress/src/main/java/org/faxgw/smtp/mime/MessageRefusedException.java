package org.faxgw.smtp.mime;

/** The message as a whole cannot be taken; carries the SMTP reply (RFC 5321, RFC 3463 code). */
public final class MessageRefusedException extends Exception {
  private static final long serialVersionUID = 1L;
  private final int code;

  public MessageRefusedException(int code, String text) {
    super(text);
    this.code = code;
  }

  /** The SMTP reply code, e.g. 554. */
  public int code() {
    return code;
  }
}
