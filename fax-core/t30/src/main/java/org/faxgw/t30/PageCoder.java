package org.faxgw.t30;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.BitOrder;
import org.faxgw.t4.FaxCompression;
import org.faxgw.t4.Resolution;
import org.faxgw.t4.T4EncodeOptions;
import org.faxgw.t4.T4Encoder;

/**
 * Codes the sender's pages for the line: non-ECM pages as a T.4 bit stream with fill bits for the
 * minimum scan-line time and RTC (T.4 4.1); ECM pages as T.4/T.6 data cut into FCD frames of 256 or
 * 64 octets and partial pages of at most 256 frames (T.4 Annex A, T.30 A.1).
 */
final class PageCoder {
  private PageCoder() {}

  /** T.30 A.1: a partial page (block) holds at most 256 frames. */
  static final int FRAMES_PER_BLOCK = 256;

  /**
   * The page at the resolution negotiated: a fine page for a normal-only receiver keeps every other
   * row (T.30: fine is used only when both ends can).
   */
  static BilevelPage atResolution(BilevelPage page, Resolution res) {
    if (page.resolution().yDpi() <= res.yDpi() || page.height() < 2) {
      return page;
    }
    int h = (page.height() + 1) / 2;
    int stride = page.stride();
    byte[] src = page.rows();
    byte[] out = new byte[h * stride];
    for (int y = 0; y < h; y++) {
      System.arraycopy(src, 2 * y * stride, out, y * stride, stride);
    }
    return new BilevelPage(page.width(), h, res, out);
  }

  /** A non-ECM page: EOL first, fill to {@code minScanMs} at {@code rate}, RTC at the end. */
  static byte[] nonEcm(BilevelPage page, FaxCompression coding, int minScanMs, SignalRate rate) {
    int minBits = minScanMs * rate.bitsPerSecond() / 1000;
    return T4Encoder.encode(page, T4EncodeOptions.forLine(coding, page.resolution(), minBits));
  }

  /** An ECM page's coded data (no fill: T.30 Table 2, ECM uses 0 ms), RTC or EOFB at the end. */
  static byte[] ecm(BilevelPage page, FaxCompression coding) {
    return T4Encoder.encode(
        page,
        new T4EncodeOptions(
            coding,
            FaxCompression.defaultK(page.resolution()),
            0,
            false,
            true,
            BitOrder.LSB_FIRST));
  }

  /**
   * The FCD payloads of a page: frames of {@code frameSize} octets, the last padded with zeros to
   * the full size (receivers expect whole frames), grouped into blocks of 256.
   */
  static List<List<byte[]>> blocks(byte[] data, int frameSize) {
    List<List<byte[]>> blocks = new ArrayList<>();
    List<byte[]> block = new ArrayList<>();
    for (int off = 0; off < Math.max(data.length, 1); off += frameSize) {
      block.add(Arrays.copyOfRange(data, off, off + frameSize));
      if (block.size() == FRAMES_PER_BLOCK) {
        blocks.add(block);
        block = new ArrayList<>();
      }
    }
    if (!block.isEmpty()) {
      blocks.add(block);
    }
    return blocks;
  }
}
