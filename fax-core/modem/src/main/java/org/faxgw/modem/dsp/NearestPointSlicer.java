package org.faxgw.modem.dsp;

/**
 * Minimum-distance decision over a fixed constellation, looked up instead of searched: the plane
 * around the constellation is cut into square cells, and each cell keeps the points that can be
 * nearest to some place in it (a point P is kept when its least distance to the cell is no more
 * than the greatest distance to the cell of some other point). In most cells one point is left and
 * is the answer; otherwise, and outside the grid, the kept (or all) points are searched.
 *
 * <p>The answer is exactly that of a full search in index order keeping the first of equally near
 * points: a point outside a cell's list is strictly farther than another point everywhere in the
 * cell (the cells are widened by a small margin against rounding at their edges), and lists keep
 * index order. Immutable once built; may be shared between threads.
 */
public final class NearestPointSlicer {
  /** Cells are widened by this much on every side when their lists are built. */
  private static final double MARGIN = 1e-6;

  private final double[] pointRe;
  private final double[] pointIm;
  private final double origin;
  private final double scale;
  private final int side;

  /** Cell c's points are list[start[c]] .. list[start[c + 1] − 1]. */
  private final int[] start;

  private final int[] list;

  /**
   * @param re real parts of the points
   * @param im imaginary parts of the points
   * @param halfWidth the grid covers [−halfWidth, halfWidth) in both axes
   * @param side cells per axis
   */
  public NearestPointSlicer(double[] re, double[] im, double halfWidth, int side) {
    if (re.length != im.length || re.length == 0 || side < 1) {
      throw new IllegalArgumentException("points");
    }
    int n = re.length;
    this.pointRe = re.clone();
    this.pointIm = im.clone();
    this.origin = -halfWidth;
    this.side = side;
    double cell = 2 * halfWidth / side;
    this.scale = 1.0 / cell;
    start = new int[side * side + 1];
    int[] scratch = new int[side * side * n];
    int used = 0;
    for (int cy = 0; cy < side; cy++) {
      double y0 = origin + cy * cell - MARGIN;
      double y1 = origin + (cy + 1) * cell + MARGIN;
      for (int cx = 0; cx < side; cx++) {
        double x0 = origin + cx * cell - MARGIN;
        double x1 = origin + (cx + 1) * cell + MARGIN;
        double bound = Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
          bound = Math.min(bound, farthest(x0, x1, y0, y1, pointRe[i], pointIm[i]));
        }
        start[cy * side + cx] = used;
        for (int i = 0; i < n; i++) {
          if (nearest(x0, x1, y0, y1, pointRe[i], pointIm[i]) <= bound) {
            scratch[used++] = i;
          }
        }
      }
    }
    start[side * side] = used;
    list = java.util.Arrays.copyOf(scratch, used);
  }

  /**
   * Index of the point nearest to (re, im); the lowest such index when several are equally near.
   */
  public int slice(double re, double im) {
    double fx = (re - origin) * scale;
    double fy = (im - origin) * scale;
    if (fx >= 0 && fy >= 0 && fx < side && fy < side) {
      int c = (int) fy * side + (int) fx;
      int s = start[c];
      int e = start[c + 1];
      if (e - s == 1) {
        return list[s];
      }
      return search(re, im, s, e);
    }
    int best = 0;
    double bestD = Double.MAX_VALUE;
    for (int i = 0; i < pointRe.length; i++) {
      double d = dist2(re, im, pointRe[i], pointIm[i]);
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    return best;
  }

  private int search(double re, double im, int s, int e) {
    int best = list[s];
    double bestD = Double.MAX_VALUE;
    for (int k = s; k < e; k++) {
      int i = list[k];
      double d = dist2(re, im, pointRe[i], pointIm[i]);
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    return best;
  }

  private static double dist2(double re, double im, double pRe, double pIm) {
    double dr = re - pRe;
    double di = im - pIm;
    return dr * dr + di * di;
  }

  /** Least squared distance from (px, py) to the box. */
  private static double nearest(double x0, double x1, double y0, double y1, double px, double py) {
    double dx = px < x0 ? x0 - px : px > x1 ? px - x1 : 0;
    double dy = py < y0 ? y0 - py : py > y1 ? py - y1 : 0;
    return dx * dx + dy * dy;
  }

  /** Greatest squared distance from (px, py) to the box. */
  private static double farthest(double x0, double x1, double y0, double y1, double px, double py) {
    double dx = Math.max(Math.abs(px - x0), Math.abs(px - x1));
    double dy = Math.max(Math.abs(py - y0), Math.abs(py - y1));
    return dx * dx + dy * dy;
  }
}
