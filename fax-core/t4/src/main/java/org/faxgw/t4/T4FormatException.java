package org.faxgw.t4;

import java.io.IOException;

/**
 * Coded fax data or a TIFF file that does not follow T.4, T.6 or TIFF 6.0; the message says why.
 */
public class T4FormatException extends IOException {
  private static final long serialVersionUID = 1L;

  public T4FormatException(String message) {
    super(message);
  }

  public T4FormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
