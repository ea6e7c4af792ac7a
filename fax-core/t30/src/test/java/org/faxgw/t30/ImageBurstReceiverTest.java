package org.faxgw.t30;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.faxgw.modem.BitSource;
import org.faxgw.modem.V17Config;
import org.faxgw.modem.V17Transmitter;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.FaxCompression;
import org.junit.jupiter.api.Test;

/** The image receive path of one DCS session, fed audio with nobody answering. */
class ImageBurstReceiverTest {
  /** DCS FIF: bit 10 (receive) and bits 11-14 = V.17 14400 (T.30 Table 2). */
  static final byte[] DCS_V17_14400 = {0x00, 0x22, 0x00};

  @Test
  void ctcRateReplacesOnlyTheRateBitsOfTheDcs() {
    // CTC with the DCS rate bits for V.17 9600 ("1001": bits 11 and 14)
    assertThat(
            ImageBurstReceiver.withCtcRate(
                new byte[] {0x00, 0x22, (byte) 0xF8, 0x44}, new byte[] {0, 0x24}))
        .containsExactly(0x00, 0x26, 0xF8, 0x44);
    assertThat(
            DisDcsFields.decodeDcs(
                    ImageBurstReceiver.withCtcRate(DCS_V17_14400, new byte[] {0, 0x24}))
                .bitRate())
        .isEqualTo(9600);
  }

  @Test
  void cleanTcfIsCountedFromItsFirstZeroAndJudgedGood() {
    DisDcsFields dcs = DisDcsFields.decodeDcs(DCS_V17_14400);
    assertThat(dcs.modulation()).isEqualTo(Modulation.V17);
    assertThat(dcs.bitRate()).isEqualTo(14400);
    List<ImageBurstReceiver.Burst> bursts = new ArrayList<>();
    List<BilevelPage> pages = new ArrayList<>();
    ImageBurstReceiver rx =
        ImageBurstReceiver.create(
            dcs,
            true,
            new ImageBurstReceiver.Listener() {
              @Override
              public void burst(ImageBurstReceiver.Burst b) {
                bursts.add(b);
              }

              @Override
              public void ecmFrame(long atSample, byte[] frame, boolean fcsOk) {}

              @Override
              public void page(
                  long atSample,
                  BilevelPage page,
                  FaxCompression coding,
                  int badRows,
                  boolean complete) {
                pages.add(page);
              }
            });
    assertThat(rx).isNotNull();
    // TCF: 1.5 s of zeros at 14400 bit/s (T.30 5.3.6.2.3) after the long training
    int tcfBits = 14400 * 3 / 2;
    int[] n = {0};
    V17Transmitter tx =
        new V17Transmitter(
            V17Config.longTrain(14400).withTxPower(-13),
            () -> n[0]++ < tcfBits ? 0 : BitSource.END,
            e -> {});
    short[] block = new short[160];
    long at = 0;
    for (int i = 0; i < 10; i++, at += 160) {
      rx.receive(new short[160], 0, 160, at); // silence first
    }
    for (int i = 0; i < 2000; i++, at += 160) {
      int got = tx.transmit(block, 0, 160);
      java.util.Arrays.fill(block, got, 160, (short) 0);
      rx.receive(block, 0, 160, at);
      if (got < 160) {
        break;
      }
    }
    for (int i = 0; i < 50; i++, at += 160) {
      rx.receive(new short[160], 0, 160, at);
    }
    rx.finish(at);
    assertThat(bursts).hasSize(1);
    ImageBurstReceiver.Burst b = bursts.get(0);
    assertThat(b.purpose()).isEqualTo(ImageBurstReceiver.Purpose.TCF);
    assertThat(b.training()).isEqualTo(ImageBurstReceiver.Training.OK);
    assertThat(b.ones()).isZero();
    assertThat(b.bits()).isBetween((long) tcfBits - 200, (long) tcfBits);
    assertThat(b.tcfOk()).isTrue();
    assertThat(b.trainingLabel()).isEqualTo("ok");
    assertThat(pages).isEmpty();
  }
}
