package org.faxgw.t4;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RoundTripTest {
  static final List<BilevelPage> FINE = withWorstCase(TestPages.rawCorpus(Resolution.FINE, 120));
  static final List<BilevelPage> NORMAL = TestPages.corpus(Resolution.NORMAL, 61);

  static List<BilevelPage> withWorstCase(List<BilevelPage> pages) {
    List<BilevelPage> all = new java.util.ArrayList<>(pages);
    for (int w : new int[] {1, 7, 8, 9, 1728, 2432, 4864}) {
      all.add(TestPages.worstCase(w, 9, Resolution.FINE));
      all.add(TestPages.randomRows(w, 9, Resolution.FINE, w));
    }
    return all;
  }

  @ParameterizedTest
  @EnumSource(FaxCompression.class)
  void tiffOptionsRoundTrip(FaxCompression c) throws Exception {
    for (List<BilevelPage> set : List.of(FINE, NORMAL)) {
      for (BilevelPage p : set) {
        T4EncodeOptions o = T4EncodeOptions.forTiff(c, p.resolution());
        byte[] coded = T4Encoder.encode(p, o);
        BilevelPage back =
            T4Decoder.decode(coded, c, p.width(), p.height(), p.resolution(), o.bitOrder());
        assertThat(back).as("%s %s", c, p).isEqualTo(p);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(FaxCompression.class)
  void lineOptionsRoundTripWithUnknownHeight(FaxCompression c) throws Exception {
    for (BilevelPage p : FINE) {
      T4EncodeOptions o = T4EncodeOptions.forLine(c, p.resolution(), 1728);
      byte[] coded = T4Encoder.encode(p, o);
      BilevelPage back = T4Decoder.decode(coded, c, p.width(), -1, p.resolution(), o.bitOrder());
      assertThat(back).as("%s %s", c, p).isEqualTo(p);
    }
  }

  @Test
  void tiffRoundTripAllCodings() throws Exception {
    for (FaxCompression c : FaxCompression.values()) {
      byte[] tiff = FaxTiffWriter.write(FINE, c);
      assertThat(FaxTiffReader.read(tiff)).as("%s", c).isEqualTo(FINE);
    }
  }
}
