package org.faxgw.modem.v17;

/**
 * The V.17 signal constellations (V.17 Figures 2–5, identical to the trellis-coded constellations
 * of V.32bis Figure 1/V.32bis): 128, 64, 32 and 16 points for 14400, 12000, 9600 and 7200 bit/s.
 *
 * <p>A point's label is the 3 + k bit number {@code Q(k+2)…Q3 Y2 Y1 Y0}, read as an integer with Y0
 * in bit 0, Y1 in bit 1, Y2 in bit 2 and Q3 in bit 3. The figures are rotationally symmetric in a
 * way the code relies on: turning a point by −90° leaves its Q bits alone, adds 1 (mod 4) to {@code
 * Y2Y1} and inverts Y0. So the table is generated from the quarter {@code Y2Y1 = 00} (the points
 * printed in the figures, coordinates in the figures' units) and three rotations; the unit tests
 * check the set partitioning this produces.
 */
public final class V17Constellation {
  // V.17 Figure 2 (14400 bit/s), points with Y2 Y1 = 00, in label order Q6 Q5 Q4 Q3 Y0.
  private static final int[] QUARTER_14400 = {
    -8, -3, 9, 2, -8, 1, 9, -2, -4, -3, 5, 2, -4, 1, 5, -2, //
    4, -3, -3, 2, 4, 1, -3, -2, 0, -3, 1, 2, 0, 1, 1, -2, //
    8, -3, -7, 2, 8, 1, -7, -2, -4, -7, 5, 6, -4, 5, 5, -6, //
    4, -7, -3, 6, 4, 5, -3, -6, 0, -7, 1, 6, 0, 5, 1, -6
  };
  // V.17 Figure 3 (12000 bit/s), Y2 Y1 = 00.
  private static final int[] QUARTER_12000 = {
    7, 1, -5, -1, 3, -3, -1, 3, 7, -7, -5, 7, -1, -7, 3, 7, //
    3, 5, -1, -5, -1, 1, 3, -1, -5, 5, 7, -5, -5, -3, 7, 3
  };
  // V.17 Figure 4 (9600 bit/s, the V.32 trellis constellation), Y2 Y1 = 00.
  private static final int[] QUARTER_9600 = {-8, 2, -6, -4, 0, 2, -6, 4, 0, -6, 2, -4, 8, 2, 2, 4};
  // V.17 Figure 5 (7200 bit/s), Y2 Y1 = 00.
  private static final int[] QUARTER_7200 = {6, -6, -2, 6, -2, 2, 6, -2};

  /** V.17 3.3 training points A, B, C, D (the 4800 bit/s points of V.32bis). */
  public static final double[] TRAINING_RE = {-6, 2, 6, -2};

  public static final double[] TRAINING_IM = {-2, -6, 2, 6};

  private static final V17Constellation R14400 = new V17Constellation(14400, 6, QUARTER_14400);
  private static final V17Constellation R12000 = new V17Constellation(12000, 5, QUARTER_12000);
  private static final V17Constellation R9600 = new V17Constellation(9600, 4, QUARTER_9600);
  private static final V17Constellation R7200 = new V17Constellation(7200, 3, QUARTER_7200);

  private final int bitRate;
  private final int dataBits;
  private final double[] re;
  private final double[] im;

  private V17Constellation(int bitRate, int dataBits, int[] quarter) {
    this.bitRate = bitRate;
    this.dataBits = dataBits;
    int size = 1 << (dataBits + 1);
    if (quarter.length != size / 2) {
      throw new IllegalStateException("quarter table of " + bitRate + " has wrong length");
    }
    re = new double[size];
    im = new double[size];
    for (int i = 0; i < size / 4; i++) {
      // quarter entry i holds label (i >> 1) << 3 | (i & 1): Q bits above, Y0 in bit 0.
      int label = ((i >> 1) << 3) | (i & 1);
      double x = quarter[2 * i];
      double y = quarter[2 * i + 1];
      for (int turn = 0; turn < 4; turn++) {
        re[label] = x;
        im[label] = y;
        // rotate by -90°: (x, y) -> (y, -x); Y2Y1 += 1, Y0 inverted
        double nx = y;
        y = -x;
        x = nx;
        int y12 = ((label >> 1) + 1) & 3;
        label = (label & ~7) | (y12 << 1) | ((label & 1) ^ 1);
      }
    }
    buildCandidateGrid();
  }

  // Decoder speed-up: the plane [-GRID_HALF, GRID_HALF)² cut into cells of CELL units; per cell and
  // subset, the few points that can be the subset's nearest anywhere in the cell.
  private static final double CELL = 0.5;
  private static final int GRID_HALF = 12;
  private static final int GRID = (int) (2 * GRID_HALF / CELL);
  private int[] candidateStart;
  private int[] candidates;

  private void buildCandidateGrid() {
    candidateStart = new int[GRID * GRID * 8 + 1];
    int[] tmp = new int[GRID * GRID * 8 * 9];
    int n = 0;
    int[] found = new int[9];
    for (int cx = 0; cx < GRID; cx++) {
      for (int cy = 0; cy < GRID; cy++) {
        for (int k = 0; k < 8; k++) {
          candidateStart[(cx * GRID + cy) * 8 + k] = n;
          int count = 0;
          for (int ix = 0; ix <= 2; ix++) {
            for (int iy = 0; iy <= 2; iy++) {
              double x = -GRID_HALF + (cx + ix * 0.5) * CELL;
              double y = -GRID_HALF + (cy + iy * 0.5) * CELL;
              int best = -1;
              double bestD = Double.MAX_VALUE;
              for (int p = k; p < re.length; p += 8) {
                double d = (x - re[p]) * (x - re[p]) + (y - im[p]) * (y - im[p]);
                if (d < bestD) {
                  bestD = d;
                  best = p;
                }
              }
              boolean dup = false;
              for (int j = 0; j < count; j++) {
                dup |= found[j] == best;
              }
              if (!dup) {
                found[count++] = best;
              }
            }
          }
          for (int j = 0; j < count; j++) {
            tmp[n++] = found[j];
          }
        }
      }
    }
    candidateStart[GRID * GRID * 8] = n;
    candidates = java.util.Arrays.copyOf(tmp, n);
  }

  /**
   * For the received point (re, im): the squared distance to, and the label of, the nearest point
   * of each subset {@code Y2Y1Y0} (exact inside the constellation's area, approximate far outside).
   */
  public void nearestPerSubset(double x, double y, double[] distance, int[] label) {
    int cx = (int) Math.floor((x + GRID_HALF) / CELL);
    int cy = (int) Math.floor((y + GRID_HALF) / CELL);
    cx = cx < 0 ? 0 : (cx >= GRID ? GRID - 1 : cx);
    cy = cy < 0 ? 0 : (cy >= GRID ? GRID - 1 : cy);
    int base = (cx * GRID + cy) * 8;
    // squared distances are never negative, so their bit patterns order like the values: long
    // comparisons give the same choice and compile to conditional moves, not unpredictable branches
    double[] re = this.re;
    double[] im = this.im;
    int[] cand = candidates;
    for (int k = 0; k < 8; k++) {
      int j = candidateStart[base + k];
      int end = candidateStart[base + k + 1];
      int bestLabel = cand[j];
      double dr0 = x - re[bestLabel];
      double di0 = y - im[bestLabel];
      long best = Double.doubleToRawLongBits(dr0 * dr0 + di0 * di0);
      for (j++; j < end; j++) {
        int p = cand[j];
        double dr = x - re[p];
        double di = y - im[p];
        long d = Double.doubleToRawLongBits(dr * dr + di * di);
        boolean lower = d < best;
        best = lower ? d : best;
        bestLabel = lower ? p : bestLabel;
      }
      distance[k] = Double.longBitsToDouble(best);
      label[k] = bestLabel;
    }
  }

  /** The constellation for 14400, 12000, 9600 or 7200 bit/s. */
  public static V17Constellation forBitRate(int bitRate) {
    return switch (bitRate) {
      case 14400 -> R14400;
      case 12000 -> R12000;
      case 9600 -> R9600;
      case 7200 -> R7200;
      default -> throw new IllegalArgumentException("V.17 has no " + bitRate + " bit/s");
    };
  }

  public int bitRate() {
    return bitRate;
  }

  /** Data bits carried per symbol (Q1…): 6, 5, 4 or 3. */
  public int dataBitsPerSymbol() {
    return dataBits;
  }

  public int size() {
    return re.length;
  }

  public double re(int label) {
    return re[label];
  }

  public double im(int label) {
    return im[label];
  }

  /** A copy of the real parts, indexed by label. */
  public double[] reals() {
    return re.clone();
  }

  /** A copy of the imaginary parts, indexed by label. */
  public double[] imaginaries() {
    return im.clone();
  }
}
