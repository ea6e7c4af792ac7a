package org.faxgw.mail;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A routing match on one call field (DID, caller ID, TSI). Three forms:
 *
 * <ul>
 *   <li>a regular expression when the text starts with {@code ^} or ends with {@code $}, matched
 *       anywhere in the value ({@code "^\\+7"} = numbers starting with +7);
 *   <li>a wildcard when it holds {@code *} (any run) or {@code ?} (one character), matched against
 *       the whole value ({@code 604555*});
 *   <li>otherwise the exact value.
 * </ul>
 */
public final class FieldPattern {
  /** Which of the three forms a pattern has. */
  public enum Kind {
    EXACT,
    WILDCARD,
    REGEX
  }

  private final String text;
  private final Kind kind;
  private final Pattern pattern;

  private FieldPattern(String text, Kind kind, Pattern pattern) {
    this.text = text;
    this.kind = kind;
    this.pattern = pattern;
  }

  /**
   * @throws IllegalArgumentException with the regex error when the text is a bad regex
   */
  public static FieldPattern compile(String text) {
    if (text.startsWith("^") || (text.endsWith("$") && !text.endsWith("\\$"))) {
      try {
        return new FieldPattern(text, Kind.REGEX, Pattern.compile(text));
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "bad regular expression \"" + text + "\": " + e.getDescription());
      }
    }
    if (text.indexOf('*') >= 0 || text.indexOf('?') >= 0) {
      StringBuilder re = new StringBuilder();
      for (char c : text.toCharArray()) {
        switch (c) {
          case '*' -> re.append(".*");
          case '?' -> re.append('.');
          default -> re.append(Pattern.quote(String.valueOf(c)));
        }
      }
      return new FieldPattern(text, Kind.WILDCARD, Pattern.compile(re.toString()));
    }
    return new FieldPattern(text, Kind.EXACT, null);
  }

  public Kind kind() {
    return kind;
  }

  public boolean matches(String value) {
    String v = value == null ? "" : value;
    return switch (kind) {
      case EXACT -> v.equals(text);
      case WILDCARD -> pattern.matcher(v).matches();
      case REGEX -> pattern.matcher(v).find();
    };
  }

  @Override
  public String toString() {
    return text;
  }
}
