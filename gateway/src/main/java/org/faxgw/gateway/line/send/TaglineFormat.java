package org.faxgw.gateway.line.send;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * HylaFAX's TagLineFormat: fields separated by {@code |}, each with {@code %c} the date and time
 * (strftime's {@code %c}, e.g. {@code Wed Dec 2 13:40:00 2026}), {@code %l} our TSI, {@code %n} the
 * destination, {@code %P} the page number, {@code %T} the pages, {@code %j} the job id and {@code
 * %%} a percent sign. An empty format means no tagline.
 */
public record TaglineFormat(String format) {
  private static final DateTimeFormatter C =
      DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT);

  public TaglineFormat {
    format = format == null ? "" : format;
    for (int i = 0; i < format.length(); i++) {
      if (format.charAt(i) == '%') {
        if (i + 1 >= format.length() || "clnPTj%".indexOf(format.charAt(i + 1)) < 0) {
          throw new IllegalArgumentException(
              "fax.tagline: unknown %"
                  + (i + 1 < format.length() ? format.charAt(i + 1) : "")
                  + " (known: %c %l %n %P %T %j %%)");
        }
        i++;
      }
    }
  }

  public boolean isEmpty() {
    return format.isEmpty();
  }

  /** The fields for one page. */
  public List<String> fields(
      ZonedDateTime date, String localId, String number, int page, int pages, long jobId) {
    List<String> out = new ArrayList<>();
    if (format.isEmpty()) {
      return out;
    }
    for (String f : format.split("\\|", -1)) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < f.length(); i++) {
        char c = f.charAt(i);
        if (c != '%' || i + 1 >= f.length()) {
          sb.append(c);
          continue;
        }
        char k = f.charAt(++i);
        switch (k) {
          case 'c' -> sb.append(C.format(date));
          case 'l' -> sb.append(localId);
          case 'n' -> sb.append(number);
          case 'P' -> sb.append(page);
          case 'T' -> sb.append(pages);
          case 'j' -> sb.append(jobId);
          default -> sb.append(k);
        }
      }
      out.add(sb.toString());
    }
    return out;
  }
}
