package org.faxgw.t30;

import static org.assertj.core.api.Assertions.assertThat;
import static org.faxgw.t30.T30NotationSupport.frame;

import org.junit.jupiter.api.Test;

/** TSI/CSI of the recorded calls: HylaFAX logged REMOTE CSI "+1 555 555 0101", TSI "...0100". */
class StationIdTest {
  @Test
  void decodesCsiAndTsiAsHylaFaxDid() {
    T30Frame csi = frame("FF C0 02 8C 0C 8C 0C 04 AC AC AC 04 AC AC AC 04 8C D4 04 04 04 04 04");
    assertThat(StationId.decode(csi.fif())).isEqualTo("+1 555 555 0101");
    T30Frame tsi = frame("FF C0 C2 0C 0C 8C 0C 04 AC AC AC 04 AC AC AC 04 8C D4 04 04 04 04 04");
    assertThat(StationId.decode(tsi.fif())).isEqualTo("+1 555 555 0100");
  }

  @Test
  void encodeIsTheInverse() {
    byte[] fif = StationId.encode("+49 30 1234567");
    assertThat(fif).hasSize(20);
    assertThat(StationId.decode(fif)).isEqualTo("+49 30 1234567");
    T30Frame csi = frame("FF C0 02 8C 0C 8C 0C 04 AC AC AC 04 AC AC AC 04 8C D4 04 04 04 04 04");
    assertThat(StationId.encode("+1 555 555 0101")).isEqualTo(csi.fif());
  }
}
