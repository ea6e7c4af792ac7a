package org.faxgw.render;

import org.faxgw.t4.Resolution;

/**
 * The paper a fax page stands for. Every fax page is {@link #FAX_WIDTH_PX} pixels wide (T.4 2.2:
 * 1728 pels on a 215 mm scan line at 8 pels/mm); the paper's own width is centred on that line
 * (A4's 210 mm is 1686 pixels at 204 dpi, padded with white, never stretched) and its height sets
 * the number of rows.
 */
public enum PageSize {
  /** ISO 216 A4, 210 x 297 mm. */
  A4(210.0, 297.0),
  /** US Letter, 8.5 x 11 in. */
  LETTER(215.9, 279.4);

  /** T.4 2.2: 1728 picture elements along a scan line of 215 mm at 8 pels/mm (204 dpi). */
  public static final int FAX_WIDTH_PX = 1728;

  private final double widthMm;
  private final double heightMm;

  PageSize(double widthMm, double heightMm) {
    this.widthMm = widthMm;
    this.heightMm = heightMm;
  }

  public double widthMm() {
    return widthMm;
  }

  public double heightMm() {
    return heightMm;
  }

  /** Width in PostScript points (1/72 in). */
  public double widthPt() {
    return widthMm / 25.4 * 72.0;
  }

  /** Height in PostScript points (1/72 in). */
  public double heightPt() {
    return heightMm / 25.4 * 72.0;
  }

  /**
   * The paper's width in pixels at {@code r}, at most {@link #FAX_WIDTH_PX} (A4 at 204 dpi: 1686;
   * Letter: 1734, cut to 1728 as fax machines do).
   */
  public int contentWidthPx(Resolution r) {
    return Math.min(FAX_WIDTH_PX, (int) Math.floor(widthMm / 25.4 * r.xDpi()));
  }

  /**
   * The number of rows of one page at {@code r} (A4: 2292 fine, 1146 normal; Letter: 2156, 1078).
   */
  public int heightPx(Resolution r) {
    return (int) Math.round(heightMm / 25.4 * r.yDpi());
  }
}
