package org.faxgw.mail;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text summary of a received fax: HylaFAX's {@code faxrcvd} field names, order and alignment
 * (labels right-aligned to a 16-character column, then {@code ": "}), written afresh.
 */
final class FaxSummary {
  /** HylaFAX aligns every label to the width of " Time To Receive". */
  static final int LABEL_WIDTH = 16;

  /** The TIFF 6.0 DateTime layout that HylaFAX prints for "Received". */
  static final DateTimeFormatter TIFF_DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss", Locale.ROOT);

  static final String UNKNOWN = "<unknown>";

  private FaxSummary() {}

  /** One summary line per field, in HylaFAX's order, then the extras this gateway knows. */
  public static List<String[]> fields(ReceivedFax fax) {
    List<String[]> f = new ArrayList<>();
    f.add(pair("Sender", orUnknown(fax.tsi())));
    f.add(pair("Pages", Integer.toString(fax.pages())));
    f.add(pair("Quality", quality(fax.yDpi())));
    f.add(pair("Size", pageSize(fax.widthPixels(), fax.heightPixels(), fax.xDpi(), fax.yDpi())));
    f.add(pair("Received", TIFF_DATE_TIME.format(fax.received())));
    f.add(pair("Time To Receive", duration(fax.timeToReceive())));
    f.add(pair("Signal Rate", fax.signalRate() == 0 ? UNKNOWN : fax.signalRate() + " bit/s"));
    f.add(pair("Data Format", fax.dataFormat().label()));
    f.add(pair("Error Correct", fax.ecm() ? "Yes" : "No"));
    f.add(pair("CallID1", orUnknown(fax.callerNumber())));
    f.add(pair("CallID2", orUnknown(fax.callerName())));
    f.add(pair("Received On", orUnknown(fax.lineName())));
    f.add(pair("CommID", fax.commId()));
    if (!fax.did().isEmpty()) {
      f.add(pair("Called Number", fax.did()));
    }
    if (fax.badRows() > 0) {
      f.add(pair("Bad Rows", Integer.toString(fax.badRows())));
    }
    return f;
  }

  /** The whole summary block, lines ending in {@code \n}. */
  public static String format(ReceivedFax fax) {
    StringBuilder sb = new StringBuilder();
    sb.append(fax.fileStem()).append(" (received");
    if (!fax.lineName().isEmpty()) {
      sb.append(" on ").append(fax.lineName());
    }
    sb.append("):\n");
    for (String[] kv : fields(fax)) {
      sb.append(line(kv[0], kv[1]));
    }
    if (!fax.error().isEmpty()) {
      sb.append("\nThe fax was not received completely: ").append(fax.error()).append('\n');
    } else if (fax.pages() == 0) {
      sb.append("\nNo pages were received.\n");
    }
    return sb.toString();
  }

  /** One aligned line: the label right-aligned to {@link #LABEL_WIDTH}, then the value. */
  public static String line(String label, String value) {
    return " ".repeat(Math.max(0, LABEL_WIDTH - label.length())) + label + ": " + value + "\n";
  }

  /** HylaFAX's quality names for the vertical resolution. */
  public static String quality(int yDpi) {
    if (yDpi <= 0) {
      return UNKNOWN;
    }
    if (yDpi < 150) {
      return "Normal"; // T.4 2.2: 3.85 lines/mm = 98 lines/inch
    }
    if (yDpi < 300) {
      return "Fine"; // 7.7 lines/mm = 196 lines/inch
    }
    if (yDpi < 600) {
      return "Superfine"; // 15.4 lines/mm = 391 lines/inch
    }
    return "Hyperfine";
  }

  /** A page-size name (as in HylaFAX's pagesizes file) or the size in millimetres. */
  public static String pageSize(int widthPx, int heightPx, int xDpi, int yDpi) {
    if (xDpi <= 0 || yDpi <= 0 || widthPx <= 0) {
      return UNKNOWN;
    }
    double w = widthPx * 25.4 / xDpi;
    double h = heightPx * 25.4 / yDpi;
    // T.4 2.2 scan line widths: 215 mm (1728 pels), 255 mm (2048), 303 mm (2432).
    if (Math.abs(w - 215) < 6) {
      if (Math.abs(h - 297) <= 8) {
        return "ISO A4";
      }
      if (Math.abs(h - 279.4) <= 8) {
        return "North American Letter";
      }
      if (Math.abs(h - 355.6) <= 8) {
        return "North American Legal";
      }
    } else if (Math.abs(w - 255) < 6 && Math.abs(h - 364) <= 10) {
      return "ISO B4";
    } else if (Math.abs(w - 303) < 6 && Math.abs(h - 420) <= 10) {
      return "ISO A3";
    }
    return Math.round(w) + " by " + Math.round(h) + " mm";
  }

  /** {@code H:MM:SS}, as HylaFAX's fmtTime prints durations. */
  public static String duration(Duration d) {
    if (d == null || d.isNegative()) {
      return UNKNOWN;
    }
    long s = d.getSeconds();
    return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
  }

  private static String orUnknown(String s) {
    return s == null || s.isBlank() ? UNKNOWN : s;
  }

  private static String[] pair(String k, String v) {
    return new String[] {k, v};
  }
}
