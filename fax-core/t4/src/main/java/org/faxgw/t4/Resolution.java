package org.faxgw.t4;

/**
 * A fax page's resolution in dots per inch. T.4 section 2.2 gives 3.85 lines/mm (normal) and 7.7
 * lines/mm (fine) vertically at 8 pels/mm horizontally; TIFF Class F states them as 204 x 98 and
 * 204 x 196 dpi.
 */
public record Resolution(int xDpi, int yDpi) {
  /** T.4 standard resolution: 8 pels/mm x 3.85 lines/mm. */
  public static final Resolution NORMAL = new Resolution(204, 98);

  /** T.4 fine resolution: 8 pels/mm x 7.7 lines/mm. */
  public static final Resolution FINE = new Resolution(204, 196);

  /** T.4 superfine: 8 pels/mm x 15.4 lines/mm. */
  public static final Resolution SUPERFINE = new Resolution(204, 391);

  public Resolution {
    if (xDpi <= 0 || yDpi <= 0) {
      throw new IllegalArgumentException("resolution must be positive: " + xDpi + "x" + yDpi);
    }
  }

  @Override
  public String toString() {
    return xDpi + "x" + yDpi;
  }
}
