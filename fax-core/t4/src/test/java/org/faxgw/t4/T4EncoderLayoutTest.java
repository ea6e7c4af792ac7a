package org.faxgw.t4;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The line layout of T.4 4.1: EOLs, fill bits for the minimum scan line time, tag bits, RTC. */
class T4EncoderLayoutTest {
  static final BilevelPage PAGE = TestPages.text(1728, 160, Resolution.FINE, 21);

  /** Bit i of the stream in the given order. */
  static int bit(byte[] d, BitOrder o, long i) {
    return T4StreamDecoderTest.bit(d, o, i);
  }

  /** Positions just after each EOL (the bit after its final one). Independent of the codec. */
  static List<Long> eolEnds(byte[] d, BitOrder o) {
    List<Long> ends = new ArrayList<>();
    int zeros = 0;
    for (long i = 0; i < (long) d.length * 8; i++) {
      if (bit(d, o, i) == 0) {
        zeros++;
      } else {
        if (zeros >= 11) {
          ends.add(i + 1);
        }
        zeros = 0;
      }
    }
    return ends;
  }

  @ParameterizedTest(name = "{0} min {1} bits")
  @CsvSource({"MH,0", "MH,288", "MH,576", "MR,0", "MR,288", "MR,576"})
  void linePageLayout(FaxCompression c, int minBits) {
    byte[] line = T4Encoder.encode(PAGE, T4EncodeOptions.forLine(c, Resolution.FINE, minBits));
    BitOrder o = BitOrder.LSB_FIRST;
    List<Long> ends = eolEnds(line, o);
    int tag = c == FaxCompression.MR ? 1 : 0;
    // T.4 4.1.2: the page starts with an EOL.
    assertThat(ends.get(0)).isEqualTo(12L + tag * 0);
    // One EOL before each row, then RTC: six more (the first of them ends the last row).
    assertThat(ends).hasSize(PAGE.height() + 6);
    int k = FaxCompression.defaultK(Resolution.FINE);
    int filled = 0;
    for (int row = 0; row < PAGE.height(); row++) {
      long start = ends.get(row) + tag;
      long next = ends.get(row + 1) + tag; // end of the next EOL and its tag bit
      assertThat(next - start)
          .as("row %d bits incl. fill and EOL", row)
          .isGreaterThanOrEqualTo(minBits);
      if (c == FaxCompression.MR) {
        // T.4 4.2.1.3.4: one 1-D row (tag 1) then K-1 2-D rows (tag 0).
        assertThat(bit(line, o, ends.get(row)))
            .as("tag of row %d", row)
            .isEqualTo(row % k == 0 ? 1 : 0);
      }
      // Fill: zeros just before the EOL, no more than needed to reach the minimum.
      long zerosBeforeEol = 0;
      for (long i = next - tag - 2; i >= start && bit(line, o, i) == 0; i--) {
        zerosBeforeEol++;
      }
      if (zerosBeforeEol > 11 + 7) {
        filled++;
        assertThat(next - start).as("row %d filled to exactly the minimum", row).isEqualTo(minBits);
      }
    }
    if (minBits >= 288) {
      assertThat(filled).as("short rows were filled").isPositive();
    }
    // RTC: six EOLs back to back (T.4 4.1.4), each with tag 1 in MR (T.4 4.2.4).
    for (int i = PAGE.height() + 1; i < ends.size(); i++) {
      assertThat(ends.get(i) - ends.get(i - 1)).isEqualTo(12L + tag);
      if (tag == 1) {
        assertThat(bit(line, o, ends.get(i))).isEqualTo(1);
      }
    }
    // Only padding zeros after RTC, less than a byte.
    long last = ends.get(ends.size() - 1) + tag;
    assertThat((long) line.length * 8 - last).isBetween(0L, 7L);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"MH", "MR"})
  void tiffEolsEndOnByteBoundaries(FaxCompression c) {
    byte[] d = T4Encoder.encode(PAGE, T4EncodeOptions.forTiff(c, Resolution.FINE));
    List<Long> ends = eolEnds(d, BitOrder.MSB_FIRST);
    assertThat(ends).hasSize(PAGE.height());
    for (long e : ends) {
      assertThat(e % 8).as("EOL ending at bit %d", e).isZero();
    }
  }

  @Test
  void mmrEndsWithEofb() {
    byte[] d =
        T4Encoder.encode(
            PAGE, T4EncodeOptions.forTiff(FaxCompression.MMR, Resolution.FINE).withEndOfPage(true));
    List<Long> ends = eolEnds(d, BitOrder.MSB_FIRST);
    // T.6 2.4: no EOL inside the data; EOFB = two EOLs at the end.
    assertThat(ends).hasSize(2);
    assertThat(ends.get(1) - ends.get(0)).isEqualTo(12);
    assertThat((long) d.length * 8 - ends.get(1)).isBetween(0L, 7L);
  }

  @Test
  void lineOrderIsBitReversedTiffOrder() {
    for (FaxCompression c : FaxCompression.values()) {
      T4EncodeOptions lsb = T4EncodeOptions.forLine(c, Resolution.FINE, 100);
      byte[] a = T4Encoder.encode(PAGE, lsb);
      byte[] b = T4Encoder.encode(PAGE, lsb.withBitOrder(BitOrder.MSB_FIRST));
      assertThat(a).hasSameSizeAs(b);
      for (int i = 0; i < a.length; i++) {
        assertThat(a[i]).isEqualTo(BitOrder.reverse(b[i]));
      }
    }
  }

  @Test
  void kIsOverridable() {
    T4EncodeOptions o = T4EncodeOptions.forLine(FaxCompression.MR, Resolution.FINE, 0).withK(1);
    byte[] d = T4Encoder.encode(PAGE, o);
    List<Long> ends = eolEnds(d, BitOrder.LSB_FIRST);
    for (int row = 0; row < PAGE.height(); row++) {
      assertThat(bit(d, BitOrder.LSB_FIRST, ends.get(row))).isEqualTo(1);
    }
    assertThat(FaxCompression.defaultK(Resolution.NORMAL)).isEqualTo(2);
    assertThat(FaxCompression.defaultK(Resolution.FINE)).isEqualTo(4);
  }

  @Test
  void codeTablesArePrefixFreeAndComplete() {
    // Kraft sum of the white and black run codes plus EOL: every 12/13-bit pattern resolves to at
    // most one code (checked while building) and the tables cover all runs 0..2560.
    for (int run = 0; run <= 2560; run++) {
      BitWriter w = new BitWriter(16);
      RowCodec.putRun(w, run % 2, run);
      byte[] b = w.toByteArray();
      BitReader r = new BitReader(b, 0, b.length);
      int[] table = run % 2 == 1 ? T4Codes.BLACK_DECODE : T4Codes.WHITE_DECODE;
      int peek = run % 2 == 1 ? T4Codes.BLACK_PEEK : T4Codes.WHITE_PEEK;
      int total = 0;
      while (true) {
        int e = table[r.peek(peek)];
        assertThat(e).as("code for run %d", run).isGreaterThan(0);
        r.skip(e & 31);
        total += e >>> 5;
        if ((e >>> 5) < 64) {
          break;
        }
      }
      assertThat(total).isEqualTo(run);
    }
  }
}
