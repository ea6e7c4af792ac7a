package org.faxgw.gateway.policy;

import java.util.regex.Pattern;

/**
 * A pattern over canonical {@code +E.164} numbers: digits and {@code +} stand for themselves,
 * {@code ?} for one digit, {@code *} for any digits (none included). {@code +1900*} is every number
 * in NANP area 900; {@code +*} every number.
 *
 * @param text the pattern as written
 */
public record NumberPattern(String text, Pattern regex) {
  private static final Pattern SYNTAX = Pattern.compile("\\+[0-9?*]+");

  /** Parses a pattern; {@link IllegalArgumentException} with the reason when it is not one. */
  public static NumberPattern parse(String text) {
    if (text == null || !SYNTAX.matcher(text).matches()) {
      throw new IllegalArgumentException(
          "not a number pattern: "
              + text
              + " (write +, digits, ? for one digit, * for any digits, e.g. +1900*)");
    }
    StringBuilder re = new StringBuilder("\\+");
    for (char c : text.substring(1).toCharArray()) {
      re.append(c == '*' ? "[0-9]*" : c == '?' ? "[0-9]" : String.valueOf(c));
    }
    return new NumberPattern(text, Pattern.compile(re.toString()));
  }

  public boolean matches(String e164) {
    return regex.matcher(e164).matches();
  }

  @Override
  public String toString() {
    return text;
  }
}
