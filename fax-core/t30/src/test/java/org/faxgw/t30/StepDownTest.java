package org.faxgw.t30;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.faxgw.modem.Dbm0;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.FaxCompression;
import org.faxgw.t4.Resolution;
import org.junit.jupiter.api.Test;

class StepDownTest {

  /** White Gaussian noise at {@code dbm0} over the band, seeded. */
  static BackToBack.Path noise(double dbm0, long seed) {
    Random r = new Random(seed);
    double sigma = Dbm0.rms(dbm0);
    return b -> {
      for (int i = 0; i < b.length; i++) {
        long v = Math.round(b[i] + sigma * r.nextGaussian());
        b[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
      }
      return true;
    };
  }

  @Test
  void v17At14400OnA17DbLineGetsFttStepsDownAndCompletes() {
    List<BilevelPage> pages = List.of(BackToBack.page(7, Resolution.FINE, 240));
    // the image modems send at -14 dBm0: 17 dB SNR is noise at -31 dBm0
    BackToBack.Outcome o =
        BackToBack.run(
            pages, Capabilities.full(), Capabilities.full(), noise(-31, 1), noise(-31, 2));
    assertThat(o.sender().status()).as(o.ladder()).isEqualTo(FaxStatus.OK);
    assertThat(o.senderEvents())
        .filteredOn(e -> e instanceof FaxEvent.TrainingResult t && !t.ok())
        .as(o.ladder())
        .isNotEmpty();
    assertThat(o.senderEvents())
        .filteredOn(e -> e instanceof FaxEvent.TrainingResult t && !t.ok())
        .first()
        .satisfies(
            e -> assertThat(((FaxEvent.TrainingResult) e).rate()).isEqualTo(SignalRate.V17_14400));
    assertThat(o.sender().rate().ordinal()).isGreaterThan(SignalRate.V17_14400.ordinal());
    assertThat(o.pagesExact(pages)).as(o.ladder()).isTrue();
    System.out.println("step-down: completed at " + o.sender().rate().label());
  }

  @Test
  void stepDownSkipsWhatTheFarEndDidNotOffer() {
    // the receiver offers V.27ter and V.29 only; V.29 9600 fails on purpose: none of ours left but
    // V.29 7200, then V.27ter
    DisDcsFields dis =
        DisDcsFields.decodeDis(
            DisDcsEncoder.dis(
                new Capabilities(
                    EnumSet.of(SignalRate.V29_9600, SignalRate.V27TER_4800),
                    false,
                    256,
                    EnumSet.of(FaxCompression.MH),
                    false,
                    0),
                true,
                false));
    DcsChoice c = DisDcsEncoder.choose(dis, Capabilities.full(), false);
    assertThat(c.rates())
        .containsExactly(
            SignalRate.V29_9600,
            SignalRate.V29_7200,
            SignalRate.V27TER_4800,
            SignalRate.V27TER_2400);
    assertThat(c.below(SignalRate.V29_9600)).isEqualTo(SignalRate.V29_7200);
    assertThat(c.below(SignalRate.V27TER_2400)).isNull();
  }

  @Test
  void disWithNothingInCommonEndsWithDcnAndAClearReason() {
    Capabilities v17only =
        new Capabilities(
            EnumSet.of(SignalRate.V17_14400), false, 256, EnumSet.of(FaxCompression.MH), false, 0);
    Capabilities v27only =
        new Capabilities(
            EnumSet.of(SignalRate.V27TER_2400),
            false,
            256,
            EnumSet.of(FaxCompression.MH),
            false,
            0);
    BackToBack.Outcome o =
        BackToBack.run(List.of(BackToBack.page(1, Resolution.NORMAL, 50)), v17only, v27only);
    assertThat(o.sender().status()).isEqualTo(FaxStatus.INCOMPATIBLE);
    assertThat(o.sender().status().text()).isEqualTo("Remote has no T.4 receiver capability");
    assertThat(o.senderLog()).anyMatch(l -> l.contains("<-- HDLC<3:FF C8 DF>"));
    assertThat(o.receiver().status()).isEqualTo(FaxStatus.GOT_DCN);
    assertThat(o.received()).isEmpty();
  }
}
