package org.faxgw.sim.v17;

import static org.assertj.core.api.Assertions.assertThat;

import org.faxgw.modem.V17Config;
import org.faxgw.sim.Companding;
import org.faxgw.sim.LineModelConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * V.17 transmitter → line model → V.17 receiver, signal at −13 dBm0, white Gaussian noise over 0–4
 * kHz (SNR = signal dBm0 − noise dBm0). On this set-up spandsp 0.0.6 is error-free, over 300 000
 * bits a point, down to 24/21/18/14 dB at 14400/12000/9600/7200 bit/s.
 */
class V17LineTest {
  static final double LEVEL = -13.0;
  static final long BITS = 300_000;

  static V17Config config(int rate) {
    return V17Config.longTrain(rate).withTxPower(LEVEL);
  }

  static LineModelConfig noisy(double snr) {
    return LineModelConfig.clean().withNoiseDbm0(LEVEL - snr).withSeed(42);
  }

  @ParameterizedTest(name = "{0} bit/s at {1} dB")
  @CsvSource({"14400, 24", "12000, 21", "9600, 18", "7200, 14"})
  void noErrorsInThreeHundredThousandBitsAtSpandspsNoiseLimit(int rate, double snr) {
    V17Link link = new V17Link(config(rate)).send(config(rate), BITS, noisy(snr), -1);
    assertThat(link.trained()).as(link.toString()).isTrue();
    // white noise over 0–4 kHz: about 1–2 dB of it falls outside the signal's band
    assertThat(link.rx.snrDb()).isBetween(snr - 1.0, snr + 4.0);
    assertThat(link.checker.bits()).as(link.toString()).isGreaterThan(BITS - 1000);
    assertThat(link.checker.errors()).as(link.toString()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ALAW", "ULAW"})
  void companding(String law) {
    for (int rate : new int[] {14400, 7200}) {
      LineModelConfig line = noisy(30).withCompanding(Companding.valueOf(law));
      V17Link link = new V17Link(config(rate)).send(config(rate), 50_000, line, -1);
      assertThat(link.checker.errors()).as(rate + " " + link).isZero();
      assertThat(link.checker.bits()).as(link.toString()).isGreaterThan(49_000);
    }
  }

  @ParameterizedTest
  @ValueSource(doubles = {-100, 100})
  void clockOffset(double ppm) {
    // 100 ppm over 30 s of page is 3 ms, 7 symbols: timing must track, not just start right
    LineModelConfig line = noisy(30).withClockOffsetPpm(ppm).withCompanding(Companding.ALAW);
    V17Link link = new V17Link(config(14400)).send(config(14400), 300_000, line, -1);
    assertThat(link.checker.errors()).as(link.toString()).isZero();
    assertThat(link.checker.bits()).isGreaterThan(299_000);
  }

  @ParameterizedTest
  @ValueSource(doubles = {-10, -20, -30, -40})
  void levels(double dbm0) {
    V17Config c = V17Config.longTrain(14400).withTxPower(dbm0);
    LineModelConfig line = LineModelConfig.clean().withNoiseDbm0(dbm0 - 30).withSeed(3);
    V17Link link = new V17Link(c).send(c, 50_000, line, -1);
    assertThat(link.checker.errors()).as(link.toString()).isZero();
    assertThat(link.checker.bits()).as(link.toString()).isGreaterThan(49_000);
  }

  @ParameterizedTest
  @ValueSource(ints = {14400, 12000, 9600, 7200})
  void shortTrainAfterLongTrain(int rate) {
    LineModelConfig line = noisy(30).withCompanding(Companding.ALAW);
    V17Link link = new V17Link(config(rate)).send(config(rate), 20_000, line, -1);
    assertThat(link.checker.errors()).isZero();
    for (int page = 0; page < 2; page++) {
      V17Config shortTrain = config(rate).withShortTrain(true);
      link.send(shortTrain, 40_000, line.withSeed(100 + page), -1);
      assertThat(link.trained()).as(link.toString()).isTrue();
      assertThat(link.checker.errors()).as(link.toString()).isZero();
      assertThat(link.checker.bits()).isGreaterThan(39_000);
    }
  }

  /**
   * One 20 ms block lost in the middle of a 14400 bit/s stream and bridged with fillIn: the
   * receiver keeps carrier and training and the stream comes back. spandsp loses ≈10 000 bits.
   */
  @Test
  void oneLostBlockCostsOnlyTheGap() {
    LineModelConfig line = noisy(30).withCompanding(Companding.ALAW);
    V17Link link = new V17Link(config(14400));
    link.send(config(14400), 100_000, line, 150 + 60); // ≈ 2.5 s into the data
    long bad = link.badBits(100_000);
    System.out.printf("V.17 14400, one 20 ms block lost: %d bits lost (%s)%n", bad, link);
    // carrier and training kept through the gap: one burst, one training, one carrier end
    assertThat(link.events).hasSize(3);
    assertThat(link.events.get(1)).isInstanceOf(org.faxgw.modem.ModemEvent.TrainingSucceeded.class);
    assertThat(link.checker.syncs()).isLessThanOrEqualTo(2);
    assertThat(bad).isLessThan(2000);
  }

  /** A carrier cut dead in the middle of the data (as VoIP paths do) is noticed within 30 ms. */
  @Test
  void abruptEndOfCarrierIsDetectedQuickly() {
    java.util.List<org.faxgw.modem.ModemEvent> events = new java.util.ArrayList<>();
    org.faxgw.modem.V17Receiver rx =
        new org.faxgw.modem.V17Receiver(config(14400), b -> {}, events::add);
    java.util.Random r = new java.util.Random(3);
    org.faxgw.modem.V17Transmitter tx =
        new org.faxgw.modem.V17Transmitter(config(14400), () -> r.nextInt(2), e -> {});
    short[] audio = new short[8000 * 3];
    tx.transmit(audio, 800, 8000 * 2); // cut 2 s into the burst, mid-data
    audio = org.faxgw.sim.LineModel.apply(noisy(40), audio);
    for (int i = 0; i + 160 <= audio.length; i += 160) {
      rx.receive(audio, i, 160);
    }
    long cut = 800 + 8000 * 2;
    assertThat(events)
        .anyMatch(e -> e instanceof org.faxgw.modem.ModemEvent.TrainingSucceeded)
        .filteredOn(e -> e instanceof org.faxgw.modem.ModemEvent.CarrierDown)
        .singleElement()
        .satisfies(e -> assertThat(e.sample() - cut).isBetween(0L, 240L));
  }

  @ParameterizedTest
  @ValueSource(doubles = {-10, 10})
  void carrierFrequencyOffset(double hz) {
    LineModelConfig line = noisy(30).withFrequencyOffsetHz(hz);
    V17Link link = new V17Link(config(14400)).send(config(14400), 50_000, line, -1);
    assertThat(link.checker.errors()).as(link.toString()).isZero();
    assertThat(link.checker.bits()).isGreaterThan(49_000);
  }

  /** Research §5.4: 0.5 % random loss of 20 ms blocks; fill-in keeps carrier and training. */
  @Test
  void randomBlockLossCostsAFewHundredBitsPerBlock() {
    LineModelConfig line = noisy(30).withBlockLossRate(0.005).withSeed(5);
    long bits = 500_000;
    V17Link link = new V17Link(config(14400)).send(config(14400), bits, line, -1);
    long bad = link.badBits(bits);
    System.out.printf(
        "V.17 14400, 0.5 %% block loss: %d blocks lost, %d bits lost (%s)%n",
        link.blocksLost, bad, link);
    assertThat(link.blocksLost).isGreaterThan(2);
    assertThat(link.events).hasSize(3); // CarrierUp, TrainingSucceeded, CarrierDown at the end
    assertThat(bad).isLessThan(700L * link.blocksLost);
  }
}
