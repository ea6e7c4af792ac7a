package org.faxgw.mail;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A one-line template with {@code ${name}} placeholders, such as a subject line. */
final class MailTemplate {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9]*)}");

  /** The names a received-fax subject may use. */
  public static final Set<String> RECEIVED_FAX_NAMES =
      Set.of("tsi", "did", "callerNumber", "callerName", "pages", "commId", "line");

  /** HylaFAX's subject for a received fax. */
  public static final String DEFAULT_RECEIVED_SUBJECT = "Fax received from \"${tsi}\"";

  private MailTemplate() {}

  /** The placeholders of {@code template} that are not in {@code allowed}, sorted. */
  public static Set<String> unknownNames(String template, Set<String> allowed) {
    Set<String> unknown = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      if (!allowed.contains(m.group(1))) {
        unknown.add(m.group(1));
      }
    }
    return unknown;
  }

  /** Replaces each {@code ${name}} by its value; unknown names stay as they are. */
  public static String expand(String template, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String v = values.get(m.group(1));
      m.appendReplacement(sb, Matcher.quoteReplacement(v != null ? v : m.group()));
    }
    m.appendTail(sb);
    // Header lines must stay one line.
    return sb.toString().replaceAll("[\\r\\n]+", " ");
  }

  /** The values a received-fax subject can use. */
  public static Map<String, String> valuesOf(ReceivedFax fax) {
    return Map.of(
        "tsi", fax.tsi().isEmpty() ? FaxSummary.UNKNOWN : fax.tsi(),
        "did", fax.did(),
        "callerNumber", fax.callerNumber(),
        "callerName", fax.callerName(),
        "pages", Integer.toString(fax.pages()),
        "commId", fax.commId(),
        "line", fax.lineName());
  }
}
