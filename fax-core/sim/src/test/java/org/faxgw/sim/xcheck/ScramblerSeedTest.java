package org.faxgw.sim.xcheck;

import static org.assertj.core.api.Assertions.assertThat;

import org.faxgw.modem.BitSource;
import org.faxgw.modem.ModemTransmitter;
import org.faxgw.modem.V27terConfig;
import org.faxgw.modem.V27terTransmitter;
import org.faxgw.modem.V29Config;
import org.faxgw.modem.V29Transmitter;
import org.faxgw.sim.LineModel;
import org.faxgw.sim.LineModelConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Transmitters of other makes start their scramblers elsewhere (V.27ter 2.5 and V.29 leave the
 * initial state open; spandsp uses 0x3C for V.27ter segment 4 and 0x2A for V.29 segment 3): our
 * receivers must deliver every data bit, from the first, whatever the seed (for V.29 the seed is
 * that of the data scrambler and, when not zero, of the segment 3 generator).
 */
class ScramblerSeedTest {
  static final int BITS = 3000;

  static ModemTransmitter seeded(Modem modem, int seed, BitSource src) {
    if (modem.spandspName.equals("v27ter")) {
      V27terTransmitter tx = new V27terTransmitter(V27terConfig.of(modem.rate), src);
      tx.restart(V27terConfig.of(modem.rate).withTransmitLevel(Modem.LEVEL_DBM0), seed);
      return tx;
    }
    V29Transmitter tx = new V29Transmitter(V29Config.of(modem.rate), src);
    // the data scrambler from the seed; segment 3's generator too, except from the all-zero state,
    // which would make segment 3 all C (no modem sends that: V.29 3 defines the pattern)
    int trainingSeed = seed == 0 ? 0x2A : seed;
    tx.restart(V29Config.of(modem.rate).withTransmitLevel(Modem.LEVEL_DBM0), trainingSeed, seed);
    return tx;
  }

  @ParameterizedTest(name = "{0} seed {1}, {2} Hz")
  @CsvSource({
    "V27TER_4800, 0x00, 0",
    "V27TER_4800, 0x01, 0",
    "V27TER_4800, 0x3C, 0",
    "V27TER_4800, 0x40, 0",
    "V27TER_4800, 0x7F, 0",
    "V27TER_4800, 0x00, 2",
    "V27TER_4800, 0x01, -2",
    "V27TER_4800, 0x40, 2",
    "V27TER_4800, 0x7F, -2",
    "V27TER_2400, 0x00, 0",
    "V27TER_2400, 0x01, 0",
    "V27TER_2400, 0x3C, 0",
    "V27TER_2400, 0x40, 0",
    "V27TER_2400, 0x7F, 0",
    "V27TER_2400, 0x01, 2",
    "V27TER_2400, 0x7F, -2",
    "V29_9600, 0x00, 0",
    "V29_9600, 0x01, 0",
    "V29_9600, 0x3C, 0",
    "V29_9600, 0x40, 0",
    "V29_9600, 0x7F, 0",
    "V29_7200, 0x00, 0",
    "V29_7200, 0x01, 0",
    "V29_7200, 0x3C, 0",
    "V29_7200, 0x40, 0",
    "V29_7200, 0x7F, 2",
    "V29_4800, 0x00, 0",
    "V29_4800, 0x01, 0",
    "V29_4800, 0x3C, -2",
    "V29_4800, 0x40, 0",
    "V29_4800, 0x7F, 0"
  })
  void everyDataBitFromTheFirst(Modem modem, String seedHex, double offsetHz) {
    int seed = Integer.decode(seedHex);
    for (long noiseSeed = 1; noiseSeed <= 3; noiseSeed++) {
      String bits = Modem.randomBits(BITS, seed * 7 + noiseSeed);
      int[] pos = {0};
      ModemTransmitter tx =
          seeded(
              modem,
              seed,
              () -> pos[0] < bits.length() ? bits.charAt(pos[0]++) - '0' : BitSource.END);
      LineModelConfig line =
          LineModelConfig.clean()
              .withGainDb(Modem.NOISE_DBM0 + 30 - Modem.LEVEL_DBM0)
              .withNoiseDbm0(Modem.NOISE_DBM0)
              .withFrequencyOffsetHz(offsetHz)
              .withSeed(noiseSeed);
      short[] audio = LineModel.apply(line, Modem.burst(tx, BITS, modem.rate));
      Modem.Received got = modem.receive(audio);
      assertThat(got.trainings()).as(got.events().toString()).isEqualTo(1);
      assertThat(got.bits()).as("start of data").startsWith(bits.substring(0, 64));
      assertThat(SpandspModems.errorsExact(bits, got.bits())).as(got.events().toString()).isZero();
    }
  }
}
