package org.faxgw.queue;

/**
 * A destination: canonical {@code +E.164} (ITU-T E.164: at most 15 digits) and what to dial.
 *
 * @param e164 {@code +} and digits
 * @param dialString digits (and {@code , * #}) as dialled
 */
public record FaxNumber(String e164, String dialString) {
  public FaxNumber {
    if (!e164.matches("\\+[1-9][0-9]{6,14}")) {
      throw new IllegalArgumentException("not a +E.164 number: " + e164);
    }
  }
}
