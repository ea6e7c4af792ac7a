package org.faxgw.gateway.config;

/**
 * The {@code dialing:} section: how a number written by a user becomes canonical {@code +E.164} and
 * a dial string, in the manner of HylaFAX's dialrules. Defaults describe Vancouver, Canada.
 *
 * @param countryCode our country code, without + (default {@code 1})
 * @param areaCode our area code (default {@code 604})
 * @param longDistancePrefix dialled before a national number (default {@code 1})
 * @param internationalPrefix dialled before a foreign number (default {@code 011})
 * @param nationalNumberLength digits of a national number with its area code; 0 = any (default
 *     {@code 10})
 * @param outsideLinePrefix dialled first to reach an outside line (default empty)
 * @param localCallsWithAreaCode dial the area code for calls inside it (default true, as NANP
 *     ten-digit dialing)
 */
public record DialingConfig(
    String countryCode,
    String areaCode,
    String longDistancePrefix,
    String internationalPrefix,
    Integer nationalNumberLength,
    String outsideLinePrefix,
    Boolean localCallsWithAreaCode) {

  public DialingConfig {
    countryCode = countryCode == null ? "1" : countryCode;
    areaCode = areaCode == null ? "604" : areaCode;
    longDistancePrefix = longDistancePrefix == null ? "1" : longDistancePrefix;
    internationalPrefix = internationalPrefix == null ? "011" : internationalPrefix;
    nationalNumberLength = nationalNumberLength == null ? 10 : nationalNumberLength;
    outsideLinePrefix = outsideLinePrefix == null ? "" : outsideLinePrefix;
    localCallsWithAreaCode = localCallsWithAreaCode == null ? Boolean.TRUE : localCallsWithAreaCode;
    requireDigits("dialing.countryCode", countryCode, false);
    requireDigits("dialing.areaCode", areaCode, true);
    requireDigits("dialing.longDistancePrefix", longDistancePrefix, true);
    requireDigits("dialing.internationalPrefix", internationalPrefix, false);
    if (!outsideLinePrefix.matches("[0-9*#,]*")) {
      throw new IllegalArgumentException(
          "dialing.outsideLinePrefix may hold only digits, * # and , (pause)");
    }
    if (nationalNumberLength < 0 || nationalNumberLength > 14) {
      throw new IllegalArgumentException("dialing.nationalNumberLength must be 0..14");
    }
  }

  private static void requireDigits(String key, String value, boolean mayBeEmpty) {
    if (!value.matches(mayBeEmpty ? "[0-9]*" : "[0-9]+")) {
      throw new IllegalArgumentException(key + " must be digits, got \"" + value + "\"");
    }
  }

  /** The rules this section describes. */
  public org.faxgw.queue.DialingRules rules() {
    return new org.faxgw.queue.DialingRules(
        countryCode,
        areaCode,
        longDistancePrefix,
        internationalPrefix,
        nationalNumberLength,
        outsideLinePrefix,
        localCallsWithAreaCode);
  }

  public static DialingConfig defaults() {
    return new DialingConfig(null, null, null, null, null, null, null);
  }
}
