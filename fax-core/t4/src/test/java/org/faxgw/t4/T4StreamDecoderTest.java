package org.faxgw.t4;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class T4StreamDecoderTest {
  static final BilevelPage TEXT = TestPages.text(1728, 200, Resolution.FINE, 7);
  static final BilevelPage EDGES = TestPages.edges(2048, 150, Resolution.NORMAL, 8);

  /** Feeds LSB-first line bytes one bit at a time, first bit on the line first. */
  static void feedBits(T4StreamDecoder d, byte[] lineBytes) {
    for (byte b : lineBytes) {
      for (int k = 0; k < 8; k++) {
        d.putBit((b >>> k) & 1);
      }
    }
  }

  @ParameterizedTest(name = "{0} sent, decoder told {1}")
  @CsvSource({"MH,MH", "MR,MR", "MH,", "MR,"})
  void cleanPageBitByBit(FaxCompression sent, FaxCompression told) {
    for (BilevelPage p : List.of(TEXT, EDGES)) {
      byte[] line = T4Encoder.encode(p, T4EncodeOptions.forLine(sent, p.resolution(), 14400 / 100));
      T4StreamDecoder d = new T4StreamDecoder(p.width(), told, p.resolution());
      for (int i = 0; i < 100; i++) {
        d.putBit(1); // idle ones before the first EOL are not page data
      }
      feedBits(d, line);
      assertThat(d.isPageComplete()).as("RTC ends the page").isTrue();
      assertThat(d.page()).isEqualTo(p);
      assertThat(d.stats()).isEqualTo(new T4PageStats(p.height(), 0, 0, sent, true));
    }
  }

  @Test
  void chunkedBytesBitByBitAndWholePageAgree() {
    Random rnd = new Random(3);
    for (FaxCompression c : List.of(FaxCompression.MH, FaxCompression.MR)) {
      byte[] line = T4Encoder.encode(TEXT, T4EncodeOptions.forLine(c, Resolution.FINE, 0));
      corruptRows(line, BitOrder.LSB_FIRST, c, new int[] {5, 77, 150}, rnd);
      T4ReceivedPage whole =
          T4StreamDecoder.decodePage(line, BitOrder.LSB_FIRST, 1728, c, Resolution.FINE);
      T4StreamDecoder bits = new T4StreamDecoder(1728, c, Resolution.FINE);
      feedBits(bits, line);
      T4StreamDecoder chunks = new T4StreamDecoder(1728, c, Resolution.FINE);
      int pos = 0;
      while (pos < line.length) {
        int n = Math.min(line.length - pos, rnd.nextInt(7) == 0 ? 0 : 1 + rnd.nextInt(300));
        chunks.putBytes(line, pos, n, BitOrder.LSB_FIRST);
        pos += n;
      }
      assertThat(whole.stats().badRows()).as("corruption seen").isPositive();
      assertThat(bits.page()).isEqualTo(whole.page());
      assertThat(chunks.page()).isEqualTo(whole.page());
      assertThat(bits.stats()).isEqualTo(whole.stats());
      assertThat(chunks.stats()).isEqualTo(whole.stats());
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"MH", "MR"})
  void flippedBitsMakeThoseRowsBadAndDecodingRecovers(FaxCompression c) {
    BilevelPage p = TEXT;
    int k = FaxCompression.defaultK(p.resolution());
    byte[] line = T4Encoder.encode(p, T4EncodeOptions.forLine(c, p.resolution(), 0));
    int[] hit =
        corruptRows(
            line,
            BitOrder.LSB_FIRST,
            c,
            new int[] {0, 61, 64, 65, 66, 83, 97, 125, 170},
            new Random(11));
    T4ReceivedPage got =
        T4StreamDecoder.decodePage(line, BitOrder.LSB_FIRST, p.width(), c, p.resolution());
    T4StreamDecoder d = new T4StreamDecoder(p.width(), c, p.resolution());
    d.putBytes(line, 0, line.length, BitOrder.LSB_FIRST);
    BitSet bad = d.badRowMap();
    assertThat(got.stats().rows()).isEqualTo(p.height());
    assertThat(got.stats().endedByRtc()).isTrue();
    // Every hit row is bad (in MR a flip can, rarely, still decode to a valid but wrong 2-D row:
    // 2-D coding cannot detect every error, so one miss is tolerated there). In MR the 2-D rows up
    // to the next 1-D row may be bad too; no row outside those windows is bad or wrong.
    BitSet allowed = new BitSet();
    int missed = 0;
    for (int h : hit) {
      if (!bad.get(h)) {
        missed++;
      }
      int end = c == FaxCompression.MH ? h + 1 : (h / k + 1) * k;
      allowed.set(h, Math.min(end, p.height()));
    }
    assertThat(missed)
        .as("hit rows not reported bad")
        .isLessThanOrEqualTo(c == FaxCompression.MH ? 0 : 1);
    BitSet outside = (BitSet) bad.clone();
    outside.andNot(allowed);
    assertThat(outside.toString()).as("bad rows away from the damage").isEqualTo("{}");
    assertThat(got.stats().badRows()).isEqualTo(bad.cardinality());
    // Rows outside the windows are the original rows; a bad row repeats the row above.
    byte[] expect = new byte[p.stride()];
    byte[] actual = new byte[p.stride()];
    byte[] above = new byte[p.stride()];
    for (int y = 0; y < p.height(); y++) {
      got.page().rowInto(y, actual, 0);
      if (bad.get(y)) {
        if (y > 0) {
          got.page().rowInto(y - 1, above, 0);
        }
        assertThat(actual).as("bad row %d repeats the row above", y).isEqualTo(above);
      } else if (!allowed.get(y) || missed == 0) {
        p.rowInto(y, expect, 0);
        assertThat(actual).as("good row %d", y).isEqualTo(expect);
      }
    }
    int longest = 0;
    int run = 0;
    for (int y = 0; y < p.height(); y++) {
      run = bad.get(y) ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    assertThat(got.stats().longestBadRun()).isEqualTo(longest);
    assertThat(hit).as("rows hit").contains(64, 65, 66);
    assertThat(got.stats().longestBadRun()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void worstCaseRowsStream() {
    for (int w : new int[] {1728, 4864}) {
      BilevelPage p = TestPages.worstCase(w, 12, Resolution.FINE);
      for (FaxCompression c : List.of(FaxCompression.MH, FaxCompression.MR)) {
        byte[] line = T4Encoder.encode(p, T4EncodeOptions.forLine(c, Resolution.FINE, 0));
        T4ReceivedPage got =
            T4StreamDecoder.decodePage(line, BitOrder.LSB_FIRST, w, c, Resolution.FINE);
        assertThat(got.page()).as("%s width %d", c, w).isEqualTo(p);
        assertThat(got.stats().badRows()).isZero();
      }
    }
  }

  @Test
  void pageWithoutRtcEndsAtEndOfData() {
    byte[] line =
        T4Encoder.encode(
            EDGES,
            T4EncodeOptions.forLine(FaxCompression.MR, Resolution.NORMAL, 0).withEndOfPage(false));
    T4StreamDecoder d = new T4StreamDecoder(2048, FaxCompression.MR, Resolution.NORMAL);
    d.putBytes(line, 0, line.length, BitOrder.LSB_FIRST);
    assertThat(d.isPageComplete()).isFalse();
    d.endOfData();
    assertThat(d.page()).isEqualTo(EDGES);
    assertThat(d.stats().endedByRtc()).isFalse();
    d.nextPage();
    assertThat(d.isPageComplete()).isFalse();
    assertThat(d.rows()).isZero();
  }

  @Test
  void garbageNeverHangsOrThrows() {
    Random r = new Random(5);
    byte[] junk = new byte[20000];
    r.nextBytes(junk);
    T4ReceivedPage got =
        T4StreamDecoder.decodePage(junk, BitOrder.LSB_FIRST, 1728, null, Resolution.FINE);
    assertThat(got.stats().rows()).isEqualTo(got.stats().badRows() + goodRows(got));
    byte[] zeros = new byte[100000];
    T4ReceivedPage none =
        T4StreamDecoder.decodePage(
            zeros, BitOrder.LSB_FIRST, 1728, FaxCompression.MH, Resolution.FINE);
    assertThat(none.page().height()).isZero();
  }

  private static int goodRows(T4ReceivedPage p) {
    return p.stats().rows() - p.stats().badRows();
  }

  /**
   * Flips one bit inside the coded data of each row in {@code rows} (never in an EOL or tag bit).
   * Rows are found from the EOLs: eleven zeros and a one, which no valid row data contains.
   */
  static int[] corruptRows(byte[] data, BitOrder order, FaxCompression c, int[] rows, Random rnd) {
    List<long[]> spans = rowSpans(data, order, c);
    int[] hit = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      // A zero turned into a one: a one turned into a zero could empty a short 2-D row (a blank
      // row is the single bit of V0), which then looks like an extra EOL: the row is lost, not
      // bad, a different fault from the one tested. Rows with no zero bit are passed over.
      int row = rows[i];
      while (!hasZero(data, order, spans.get(row))) {
        row++;
      }
      hit[i] = row;
      long[] s = spans.get(row);
      long at = s[0] + rnd.nextInt((int) Math.min(s[1] - s[0], 40));
      while (bit(data, order, at) != 0) {
        at = at + 1 < s[1] ? at + 1 : s[0];
      }
      flip(data, order, at);
    }
    return hit;
  }

  static boolean hasZero(byte[] data, BitOrder order, long[] span) {
    for (long i = span[0]; i < span[1]; i++) {
      if (bit(data, order, i) == 0) {
        return true;
      }
    }
    return false;
  }

  /** [start, end) bit positions of each row's data: from after EOL (+tag) to the last one bit. */
  static List<long[]> rowSpans(byte[] data, BitOrder order, FaxCompression c) {
    List<long[]> spans = new ArrayList<>();
    int zeros = 0;
    long start = -1;
    long lastOne = -1;
    for (long i = 0; i < (long) data.length * 8; i++) {
      int b = bit(data, order, i);
      if (b == 0) {
        zeros++;
        continue;
      }
      if (zeros >= 11) {
        if (start >= 0 && lastOne >= start) {
          spans.add(new long[] {start, lastOne + 1});
        }
        start = i + 1 + (c == FaxCompression.MR ? 1 : 0);
        lastOne = -1;
      } else {
        lastOne = i;
      }
      zeros = 0;
    }
    return spans;
  }

  static int bit(byte[] d, BitOrder order, long i) {
    int b = d[(int) (i >>> 3)] & 0xFF;
    int k = (int) (i & 7);
    return order == BitOrder.LSB_FIRST ? (b >>> k) & 1 : (b >>> (7 - k)) & 1;
  }

  static void flip(byte[] d, BitOrder order, long i) {
    int k = (int) (i & 7);
    d[(int) (i >>> 3)] ^= (byte) (order == BitOrder.LSB_FIRST ? 1 << k : 0x80 >>> k);
  }
}
