package org.faxgw.render;

import org.faxgw.t4.BilevelPage;

/** Measures on rendered pages for tests. */
final class Pages {
  private Pages() {}

  /** Share of black pixels in the rectangle [x0, x1) x [y0, y1). */
  static double ink(BilevelPage p, int x0, int y0, int x1, int y1) {
    long black = 0;
    for (int y = y0; y < y1; y++) {
      for (int x = x0; x < x1; x++) {
        if (p.pixel(x, y)) {
          black++;
        }
      }
    }
    return (double) black / ((long) (x1 - x0) * (y1 - y0));
  }

  /** Share of black pixels in a rectangle given as fractions of the page. */
  static double inkRel(BilevelPage p, double fx0, double fy0, double fx1, double fy1) {
    return ink(
        p,
        (int) (fx0 * p.width()),
        (int) (fy0 * p.height()),
        (int) (fx1 * p.width()),
        (int) (fy1 * p.height()));
  }
}
