package org.faxgw.modem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class G711Test {

  @Test
  void alawKnownCodesFromG711Tables() {
    // G.711 Table 1a: character 1101 0101 on the line = smallest positive value (1 in 13 bits, 8)
    assertThat(G711.alawToLinear(0xD5)).isEqualTo((short) 8);
    assertThat(G711.alawToLinear(0x55)).isEqualTo((short) -8);
    // largest magnitude: segment 7 step 15: 4032 in 13 bits
    assertThat(G711.alawToLinear(0xAA)).isEqualTo((short) 32256);
    assertThat(G711.alawToLinear(0x2A)).isEqualTo((short) -32256);
    assertThat(G711.linearToAlaw(0)).isEqualTo(0xD5);
    assertThat(G711.linearToAlaw(32767)).isEqualTo(0xAA);
    assertThat(G711.linearToAlaw(-32768)).isEqualTo(0x2A);
  }

  @Test
  void ulawKnownCodesFromG711Tables() {
    assertThat(G711.ulawToLinear(0xFF)).isEqualTo((short) 0);
    assertThat(G711.ulawToLinear(0x7F)).isEqualTo((short) 0);
    // largest: 8031 on the 14-bit scale
    assertThat(G711.ulawToLinear(0x80)).isEqualTo((short) 32124);
    assertThat(G711.ulawToLinear(0x00)).isEqualTo((short) -32124);
    assertThat(G711.linearToUlaw(0)).isEqualTo(0xFF);
    assertThat(G711.linearToUlaw(32767)).isEqualTo(0x80);
    assertThat(G711.linearToUlaw(-32768)).isEqualTo(0x00);
  }

  @Test
  void everyCodeRoundTrips() {
    for (int c = 0; c < 256; c++) {
      assertThat(G711.linearToAlaw(G711.alawToLinear(c))).as("A-law %02x", c).isEqualTo(c);
      if (c != 0x7F) { // µ-law "negative zero" decodes to 0 = 0xFF
        assertThat(G711.linearToUlaw(G711.ulawToLinear(c))).as("µ-law %02x", c).isEqualTo(c);
      }
    }
  }

  @Test
  void encodingPicksTheDecisionIntervalOfEveryLinearValue() {
    // G.711: a code's decision interval is centred on its reconstruction value; its half width is
    // half the step of its segment: A-law steps 2, 2, 4 … 64 (13-bit), µ-law 2, 4 … 256 (14-bit)
    int maxA = G711.alawToLinear(0xAA);
    int maxU = G711.ulawToLinear(0x80);
    int prevA = Integer.MIN_VALUE;
    int prevU = Integer.MIN_VALUE;
    for (int x = -32768; x <= 32767; x++) {
      int ca = G711.linearToAlaw(x);
      int cu = G711.linearToUlaw(x);
      int a = G711.alawToLinear(ca);
      int u = G711.ulawToLinear(cu);
      int segA = ((ca ^ 0x55) >> 4) & 7;
      int segU = ((cu ^ 0xFF) >> 4) & 7;
      int halfA = (segA == 0 ? 1 : 1 << (segA - 1)) << 3;
      int halfU = (1 << segU) << 2;
      // the coders see 13 (A) and 14 (µ) bits: allow the truncated low bits on top
      if (Math.abs(x) < maxA) {
        assertThat(Math.abs(a - x)).as("A-law x=%d", x).isLessThanOrEqualTo(halfA + 8);
      } else {
        assertThat(Math.abs(a)).isEqualTo(maxA);
      }
      if (Math.abs(x) < maxU) {
        assertThat(Math.abs(u - x)).as("µ-law x=%d", x).isLessThanOrEqualTo(halfU + 4);
      } else {
        assertThat(Math.abs(u)).isEqualTo(maxU);
      }
      assertThat(a).isGreaterThanOrEqualTo(prevA);
      assertThat(u).isGreaterThanOrEqualTo(prevU);
      prevA = a;
      prevU = u;
    }
  }

  @Test
  void blockCodecsMatchTheSampleFunctions() {
    short[] in = {0, 1, -1, 100, -100, 5000, -5000, 32767, -32768};
    byte[] a = new byte[in.length];
    byte[] u = new byte[in.length];
    G711.encodeAlaw(in, 0, a, 0, in.length);
    G711.encodeUlaw(in, 0, u, 0, in.length);
    short[] da = new short[in.length];
    short[] du = new short[in.length];
    G711.decodeAlaw(a, 0, da, 0, in.length);
    G711.decodeUlaw(u, 0, du, 0, in.length);
    for (int i = 0; i < in.length; i++) {
      assertThat(a[i] & 0xFF).isEqualTo(G711.linearToAlaw(in[i]));
      assertThat(da[i]).isEqualTo(G711.alawToLinear(a[i]));
      assertThat(du[i]).isEqualTo(G711.ulawToLinear(u[i]));
    }
  }
}
