package org.faxgw.smtp.mime;

import java.util.Locale;
import java.util.Map;

/**
 * HTML to plain text for faxing an HTML-only mail: tags dropped, block elements and {@code <br>}
 * become line breaks, list items get a bullet, scripts and styles are removed, character references
 * (HTML 5 named ones in common use, and numeric ones) are decoded.
 */
public final class HtmlText {
  private static final Map<String, String> ENTITIES =
      Map.ofEntries(
          Map.entry("amp", "&"),
          Map.entry("lt", "<"),
          Map.entry("gt", ">"),
          Map.entry("quot", "\""),
          Map.entry("apos", "'"),
          Map.entry("nbsp", " "),
          Map.entry("copy", "©"),
          Map.entry("reg", "®"),
          Map.entry("euro", "€"),
          Map.entry("pound", "£"),
          Map.entry("hellip", "…"),
          Map.entry("mdash", "—"),
          Map.entry("ndash", "–"),
          Map.entry("laquo", "«"),
          Map.entry("raquo", "»"),
          Map.entry("auml", "ä"),
          Map.entry("ouml", "ö"),
          Map.entry("uuml", "ü"),
          Map.entry("Auml", "Ä"),
          Map.entry("Ouml", "Ö"),
          Map.entry("Uuml", "Ü"),
          Map.entry("szlig", "ß"),
          Map.entry("eacute", "é"),
          Map.entry("egrave", "è"));

  private HtmlText() {}

  public static String toText(String html) {
    StringBuilder out = new StringBuilder(html.length() / 2);
    int i = 0;
    int n = html.length();
    while (i < n) {
      char c = html.charAt(i);
      if (c == '<') {
        if (html.startsWith("<!--", i)) {
          int end = html.indexOf("-->", i + 4);
          i = end < 0 ? n : end + 3;
          continue;
        }
        int end = html.indexOf('>', i);
        if (end < 0) {
          break;
        }
        String tag = tagName(html.substring(i + 1, end));
        i = end + 1;
        if (tag.equals("script") || tag.equals("style") || tag.equals("head")) {
          int close = html.toLowerCase(Locale.ROOT).indexOf("</" + tag, i);
          if (close < 0) {
            break;
          }
          int closeEnd = html.indexOf('>', close);
          i = closeEnd < 0 ? n : closeEnd + 1;
          continue;
        }
        switch (tag) {
          case "br" -> out.append('\n');
          case "p",
              "/p",
              "div",
              "/div",
              "tr",
              "/tr",
              "h1",
              "h2",
              "h3",
              "h4",
              "h5",
              "h6",
              "/h1",
              "/h2",
              "/h3",
              "/h4",
              "/h5",
              "/h6",
              "table",
              "/table",
              "ul",
              "/ul",
              "ol",
              "/ol",
              "blockquote",
              "/blockquote",
              "pre",
              "/pre",
              "hr" ->
              newline(out);
          case "li" -> {
            newline(out);
            out.append("* ");
          }
          case "td", "th" -> out.append('\t');
          default -> {}
        }
      } else if (c == '&') {
        int semi = html.indexOf(';', i);
        if (semi > i && semi - i <= 10) {
          String ref = html.substring(i + 1, semi);
          String rep = entity(ref);
          if (rep != null) {
            out.append(rep);
            i = semi + 1;
            continue;
          }
        }
        out.append('&');
        i++;
      } else if (c == '\r') {
        i++;
      } else if (c == '\n' || c == '\t') {
        appendSpace(out);
        i++;
      } else if (c == ' ') {
        appendSpace(out);
        i++;
      } else {
        out.append(c);
        i++;
      }
    }
    return tidy(out.toString());
  }

  private static String tagName(String inside) {
    String t = inside.trim().toLowerCase(Locale.ROOT);
    int k = 0;
    if (t.startsWith("/")) {
      k = 1;
    }
    int j = k;
    while (j < t.length() && Character.isLetterOrDigit(t.charAt(j))) {
      j++;
    }
    return t.substring(0, j);
  }

  private static String entity(String ref) {
    if (ref.startsWith("#x") || ref.startsWith("#X")) {
      return codePoint(ref.substring(2), 16);
    }
    if (ref.startsWith("#")) {
      return codePoint(ref.substring(1), 10);
    }
    return ENTITIES.get(ref);
  }

  private static String codePoint(String digits, int radix) {
    try {
      int cp = Integer.parseInt(digits, radix);
      return Character.isValidCodePoint(cp) && cp != 0 ? new String(Character.toChars(cp)) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static void appendSpace(StringBuilder out) {
    int len = out.length();
    if (len > 0 && out.charAt(len - 1) != ' ' && out.charAt(len - 1) != '\n') {
      out.append(' ');
    }
  }

  private static void newline(StringBuilder out) {
    int len = out.length();
    while (len > 0 && out.charAt(len - 1) == ' ') {
      out.setLength(--len);
    }
    if (len > 0 && out.charAt(len - 1) != '\n') {
      out.append('\n');
    }
  }

  private static String tidy(String s) {
    String t = s.replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n");
    return t.strip();
  }
}
