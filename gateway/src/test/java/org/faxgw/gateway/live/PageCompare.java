package org.faxgw.gateway.live;

import java.util.Arrays;
import org.faxgw.render.Tagline;
import org.faxgw.t4.BilevelPage;

/**
 * Row-exact comparison of a received fax page with the page as sent, leaving out only the band at
 * the top where the sender images its tagline. Each method returns null when the pages agree, else
 * what differs.
 */
final class PageCompare {
  private PageCompare() {}

  /**
   * A page faxgw sent (with our tagline in its top {@link Tagline#bandRows} rows) against the page
   * the far end received: same width, every row below the band equal, and something in the band.
   */
  static String belowOurTagline(BilevelPage received, BilevelPage sent) {
    if (received.width() != sent.width()) {
      return "width " + received.width() + " != " + sent.width();
    }
    int band = Tagline.bandRows(sent.resolution());
    int rows = Math.min(received.height(), sent.height());
    String rowsDiffer = firstDifference(received, sent, band, rows);
    if (rowsDiffer != null) {
      return rowsDiffer;
    }
    if (isWhite(received, 0, band)) {
      return "no tagline in the top " + band + " rows";
    }
    return tailWhite(received, sent, rows);
  }

  /**
   * A page received from HylaFAX against HylaFAX's own rendering of the document without tagline
   * ({@code reference}): every row from the reference's first black row down equals, the tagline
   * (which HylaFAX images into the blank top margin) is the only thing above it, and where one page
   * is longer (HylaFAX chops trailing white space) the rest is white.
   */
  static String belowTheirTagline(BilevelPage received, BilevelPage reference) {
    if (received.width() != reference.width()) {
      return "width " + received.width() + " != " + reference.width();
    }
    // Rows are compared, so only the vertical resolution must agree (ps2fax writes 209.1 dpi
    // across an A4 page's 1728 pels where a fax receiver records 204).
    if (received.resolution().yDpi() != reference.resolution().yDpi()) {
      return "resolution " + received.resolution() + " != " + reference.resolution();
    }
    int top = 0;
    while (top < reference.height() && isWhite(reference, top, top + 1)) {
      top++;
    }
    if (top == 0 || top == reference.height()) {
      return "the reference has no blank top margin or no content (first black row " + top + ")";
    }
    int rows = Math.min(received.height(), reference.height());
    String rowsDiffer = firstDifference(received, reference, top, rows);
    return rowsDiffer != null ? rowsDiffer : tailWhite(received, reference, rows);
  }

  private static String firstDifference(BilevelPage a, BilevelPage b, int from, int to) {
    byte[] ra = new byte[a.stride()];
    byte[] rb = new byte[b.stride()];
    int differing = 0;
    int first = -1;
    for (int y = from; y < to; y++) {
      a.rowInto(y, ra, 0);
      b.rowInto(y, rb, 0);
      if (!Arrays.equals(ra, rb)) {
        differing++;
        if (first < 0) {
          first = y;
        }
      }
    }
    return differing == 0
        ? null
        : differing + " of rows " + from + ".." + (to - 1) + " differ, the first is row " + first;
  }

  /** The rows of the longer page beyond the shorter one's end are white. */
  private static String tailWhite(BilevelPage a, BilevelPage b, int rows) {
    BilevelPage longer = a.height() >= b.height() ? a : b;
    return isWhite(longer, rows, longer.height())
        ? null
        : "heights "
            + a.height()
            + " / "
            + b.height()
            + " and the longer page is not white beyond row "
            + rows;
  }

  private static boolean isWhite(BilevelPage p, int from, int to) {
    byte[] r = new byte[p.stride()];
    for (int y = from; y < to; y++) {
      p.rowInto(y, r, 0);
      for (byte v : r) {
        if (v != 0) {
          return false;
        }
      }
    }
    return true;
  }
}
