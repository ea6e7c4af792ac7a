package org.faxgw.iax2.protocol;

/**
 * Names one call (or registration transaction) of an {@link Iax2Protocol}. Call numbers are reused
 * after linger, so the serial keeps two calls on the same number apart.
 *
 * @param serial unique per protocol object, from 1
 * @param localCall our source call number (15 bits, non-zero)
 */
public record CallId(long serial, int localCall) {
  @Override
  public String toString() {
    return serial + "/" + localCall;
  }
}
