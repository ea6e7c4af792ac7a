package org.faxgw.testkit;

import java.awt.image.BufferedImage;

/** Pixel-for-pixel comparison of an image (e.g. poppler's extract of a PDF) with a fax page. */
public final class Pixels {
  private Pixels() {}

  /** Black or white at one pixel of the reference page. */
  @FunctionalInterface
  public interface Page {
    boolean black(int x, int y);
  }

  /**
   * Fails unless {@code img} is {@code width × height}, black exactly where {@code ref} is, and has
   * {@code refBlack} (more than 0) black pixels.
   */
  public static void assertSame(
      int width, int height, Page ref, long refBlack, BufferedImage img, String what) {
    if (img.getWidth() != width || img.getHeight() != height) {
      throw new AssertionError(
          what
              + ": "
              + img.getWidth()
              + "x"
              + img.getHeight()
              + ", expected "
              + width
              + "x"
              + height);
    }
    long black = 0;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        boolean imgBlack = (img.getRGB(x, y) & 0xFFFFFF) == 0;
        if (imgBlack != ref.black(x, y)) {
          throw new AssertionError(
              what
                  + ": pixel "
                  + x
                  + ","
                  + y
                  + " differs (reference black="
                  + ref.black(x, y)
                  + ")");
        }
        if (imgBlack) {
          black++;
        }
      }
    }
    if (black != refBlack || black == 0) {
      throw new AssertionError(what + ": " + black + " black pixels, expected " + refBlack);
    }
  }
}
