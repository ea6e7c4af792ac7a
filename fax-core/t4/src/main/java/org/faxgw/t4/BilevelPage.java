package org.faxgw.t4;

import java.util.Arrays;

/**
 * One bilevel fax page: {@code height} rows of {@code width} pixels, packed eight to a byte, most
 * significant bit first, each row starting on a byte boundary. A set bit is black (ink), as in T.4
 * and TIFF PhotometricInterpretation 0 (WhiteIsZero).
 *
 * <p>Immutable: the constructor copies the array and {@link #rows()} returns a copy; use {@link
 * #rowInto(int, byte[], int)} or {@link #pixel(int, int)} to read without allocating.
 */
public final class BilevelPage {
  private final int width;
  private final int height;
  private final Resolution resolution;
  private final byte[] bits;

  /**
   * @param bits packed rows, {@code stride(width) * height} bytes; bits past {@code width} in the
   *     last byte of a row are ignored and stored as zero
   */
  public BilevelPage(int width, int height, Resolution resolution, byte[] bits) {
    if (width <= 0 || height < 0) {
      throw new IllegalArgumentException("bad page size " + width + "x" + height);
    }
    int stride = stride(width);
    if (bits.length != (long) stride * height) {
      throw new IllegalArgumentException(
          "page "
              + width
              + "x"
              + height
              + " needs "
              + (long) stride * height
              + " bytes, got "
              + bits.length);
    }
    this.width = width;
    this.height = height;
    this.resolution = resolution;
    this.bits = bits.clone();
    int spare = stride * 8 - width;
    if (spare > 0) {
      byte mask = (byte) (0xFF << spare);
      for (int r = 0; r < height; r++) {
        this.bits[r * stride + stride - 1] &= mask;
      }
    }
  }

  /** Takes {@code bits} without copying; the caller hands over a clean array it no longer uses. */
  private BilevelPage(int width, int height, Resolution resolution, byte[] bits, boolean owned) {
    this.width = width;
    this.height = height;
    this.resolution = resolution;
    this.bits = bits;
  }

  /** A page over {@code bits} (spare bits already zero) without a copy: for the codecs only. */
  static BilevelPage wrap(int width, int height, Resolution resolution, byte[] bits) {
    if (width <= 0 || height < 0 || bits.length != (long) stride(width) * height) {
      throw new IllegalArgumentException("bad page " + width + "x" + height);
    }
    return new BilevelPage(width, height, resolution, bits, true);
  }

  /** The packed rows themselves, not a copy: for the codecs only, never to be modified. */
  byte[] bitsInternal() {
    return bits;
  }

  /** A white page. */
  public static BilevelPage blank(int width, int height, Resolution resolution) {
    return new BilevelPage(width, height, resolution, new byte[stride(width) * height]);
  }

  /** Bytes per packed row of {@code width} pixels. */
  public static int stride(int width) {
    return (width + 7) >>> 3;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public Resolution resolution() {
    return resolution;
  }

  public int stride() {
    return stride(width);
  }

  /** True where the pixel at column {@code x}, row {@code y} is black. */
  public boolean pixel(int x, int y) {
    if (x < 0 || x >= width || y < 0 || y >= height) {
      throw new IndexOutOfBoundsException(
          "pixel " + x + "," + y + " outside " + width + "x" + height);
    }
    return (bits[y * stride() + (x >>> 3)] & (0x80 >>> (x & 7))) != 0;
  }

  /** Copies row {@code y} into {@code dst} at {@code off}; {@code stride()} bytes. */
  public void rowInto(int y, byte[] dst, int off) {
    System.arraycopy(bits, y * stride(), dst, off, stride());
  }

  /** A copy of all packed rows. */
  public byte[] rows() {
    return bits.clone();
  }

  /** Number of black pixels on the page. */
  public long blackPixels() {
    long n = 0;
    for (byte b : bits) {
      n += Integer.bitCount(b & 0xFF);
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BilevelPage p
        && p.width == width
        && p.height == height
        && p.resolution.equals(resolution)
        && Arrays.equals(p.bits, bits);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * width + height) + Arrays.hashCode(bits);
  }

  @Override
  public String toString() {
    return "BilevelPage[" + width + "x" + height + " @" + resolution + "]";
  }
}
