package org.faxgw.queue;

import java.util.Optional;

/**
 * Turns a number as a person writes it into canonical {@code +E.164} and a dial string, in the
 * manner of HylaFAX's dialrules (CanonicalNumber and DialString rule sets) for one location.
 *
 * <p>Written forms: punctuation {@code + ( ) - . /} and spaces are dropped. {@code +CC...} is
 * international; a number starting with the international prefix is too; one starting with the
 * long-distance prefix and of the national length is national; one of the national length is
 * national; one of the local length (national length minus area code) is in our area code.
 */
public record DialingRules(
    String countryCode,
    String areaCode,
    String longDistancePrefix,
    String internationalPrefix,
    int nationalNumberLength,
    String outsideLinePrefix,
    boolean localCallsWithAreaCode) {

  /** ITU-T E.164 6: at most 15 digits including the country code. */
  private static final int E164_MAX_DIGITS = 15;

  /** Shortest number we accept (a short international number such as +3541234 has 7). */
  private static final int E164_MIN_DIGITS = 7;

  /** North America, area 604, as the default configuration. */
  public static DialingRules northAmerica() {
    return new DialingRules("1", "604", "1", "011", 10, "", true);
  }

  /** The canonical number, or empty when the text is not a number these rules understand. */
  public Optional<FaxNumber> canonical(String written) {
    if (written == null) {
      return Optional.empty();
    }
    String t = written.trim();
    boolean plus = t.startsWith("+");
    StringBuilder digits = new StringBuilder();
    for (int i = plus ? 1 : 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c >= '0' && c <= '9') {
        digits.append(c);
      } else if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/') {
        continue;
      } else {
        return Optional.empty();
      }
    }
    String d = digits.toString();
    if (d.isEmpty()) {
      return Optional.empty();
    }
    String international;
    if (plus) {
      international = d;
    } else if (!internationalPrefix.isEmpty() && d.startsWith(internationalPrefix)) {
      international = d.substring(internationalPrefix.length());
    } else if (!longDistancePrefix.isEmpty()
        && d.startsWith(longDistancePrefix)
        && (nationalNumberLength == 0
            || d.length() == longDistancePrefix.length() + nationalNumberLength)) {
      international = countryCode + d.substring(longDistancePrefix.length());
    } else if (nationalNumberLength > 0 && d.length() == nationalNumberLength) {
      international = countryCode + d;
    } else if (nationalNumberLength > 0
        && !areaCode.isEmpty()
        && d.length() == nationalNumberLength - areaCode.length()) {
      international = countryCode + areaCode + d;
    } else if (nationalNumberLength == 0 && !d.startsWith("0")) {
      international = countryCode + areaCode + d;
    } else {
      return Optional.empty();
    }
    if (international.length() < E164_MIN_DIGITS
        || international.length() > E164_MAX_DIGITS
        || international.startsWith("0")) {
      return Optional.empty();
    }
    if (international.startsWith(countryCode)
        && nationalNumberLength > 0
        && international.length() != countryCode.length() + nationalNumberLength) {
      return Optional.empty();
    }
    return Optional.of(new FaxNumber("+" + international, dialString(international)));
  }

  private String dialString(String international) {
    String dial;
    if (international.startsWith(countryCode)) {
      String national = international.substring(countryCode.length());
      if (!localCallsWithAreaCode && !areaCode.isEmpty() && national.startsWith(areaCode)) {
        dial = national.substring(areaCode.length());
      } else {
        dial = longDistancePrefix + national;
      }
    } else {
      dial = internationalPrefix + international;
    }
    return outsideLinePrefix + dial;
  }
}
