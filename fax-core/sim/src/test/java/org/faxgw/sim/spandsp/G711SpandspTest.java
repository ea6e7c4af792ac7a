package org.faxgw.sim.spandsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;
import org.faxgw.modem.G711;
import org.junit.jupiter.api.Test;

/** Our G.711 against libspandsp's, every code and every 16-bit linear value. */
class G711SpandspTest {

  @Test
  void decodeAndEncodeTablesEqualSpandsps() throws Exception {
    Map<String, String> t =
        SpandspHarness.run("spandsp_g711.c", "tables")
            .lines()
            .collect(Collectors.toMap(l -> l.substring(0, 4), l -> l.substring(5)));
    String[] adec = t.get("ADEC").split(" ");
    String[] udec = t.get("UDEC").split(" ");
    assertThat(adec).hasSize(256);
    for (int c = 0; c < 256; c++) {
      assertThat(G711.alawToLinear(c)).as("A-law %02X", c).isEqualTo(Short.parseShort(adec[c]));
      assertThat(G711.ulawToLinear(c)).as("µ-law %02X", c).isEqualTo(Short.parseShort(udec[c]));
    }
    String aenc = t.get("AENC");
    String uenc = t.get("UENC");
    assertThat(aenc).hasSize(2 * 65536);
    int mismatchesA = 0;
    int mismatchesU = 0;
    int firstA = Integer.MIN_VALUE;
    int firstU = Integer.MIN_VALUE;
    for (int x = -32768; x <= 32767; x++) {
      int i = 2 * (x + 32768);
      if (G711.linearToAlaw(x) != Integer.parseInt(aenc.substring(i, i + 2), 16)) {
        mismatchesA++;
        firstA = firstA == Integer.MIN_VALUE ? x : firstA;
      }
      if (G711.linearToUlaw(x) != Integer.parseInt(uenc.substring(i, i + 2), 16)) {
        mismatchesU++;
        firstU = firstU == Integer.MIN_VALUE ? x : firstU;
      }
    }
    assertThat(mismatchesA).as("A-law encodings differing, first at %d", firstA).isZero();
    assertThat(mismatchesU).as("µ-law encodings differing, first at %d", firstU).isZero();
  }
}
