package org.faxgw.gateway.hfaxd;

import java.util.function.Function;

/**
 * A faxstat format string (JOBFMT, RCVFMT, MDMFMT, FILEFMT): printf-style items {@code
 * %[-][width][.precision]LETTER} whose letters name fields (faxstat(1)), and {@code %%}.
 */
final class StatusFormat {
  private StatusFormat() {}

  /** Formats {@code fmt}, asking {@code field} for each letter's text. */
  static String format(String fmt, Function<Character, String> field) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    int n = fmt.length();
    while (i < n) {
      char c = fmt.charAt(i++);
      if (c != '%') {
        out.append(c);
        continue;
      }
      if (i < n && fmt.charAt(i) == '%') {
        out.append('%');
        i++;
        continue;
      }
      boolean left = false;
      while (i < n && (fmt.charAt(i) == '-' || fmt.charAt(i) == '+' || fmt.charAt(i) == ' ')) {
        left |= fmt.charAt(i) == '-';
        i++;
      }
      int width = 0;
      while (i < n && Character.isDigit(fmt.charAt(i)) && width < 1000) {
        width = width * 10 + (fmt.charAt(i++) - '0');
      }
      int precision = -1;
      if (i < n && fmt.charAt(i) == '.') {
        i++;
        precision = 0;
        while (i < n && Character.isDigit(fmt.charAt(i)) && precision < 1000) {
          precision = precision * 10 + (fmt.charAt(i++) - '0');
        }
      }
      if (i >= n) {
        break;
      }
      String v = field.apply(fmt.charAt(i++));
      if (v == null) {
        v = "";
      }
      if (precision >= 0 && v.length() > precision) {
        v = v.substring(0, precision);
      }
      if (v.length() < width) {
        String pad = " ".repeat(width - v.length());
        v = left ? v + pad : pad + v;
      }
      out.append(v);
    }
    return out.toString();
  }
}
