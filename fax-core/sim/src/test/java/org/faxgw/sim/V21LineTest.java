package org.faxgw.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.faxgw.modem.HdlcDecoder;
import org.faxgw.modem.HdlcEncoder;
import org.faxgw.modem.HdlcListener;
import org.faxgw.modem.ModemEvent;
import org.faxgw.modem.ModemListener;
import org.faxgw.modem.V21Config;
import org.faxgw.modem.V21Receiver;
import org.faxgw.modem.V21Transmitter;
import org.junit.jupiter.api.Test;

/** V.21 channel 2 HDLC frames: Java transmitter → {@link LineModel} → Java receiver. */
class V21LineTest {

  /** What the receiving side saw. */
  static final class Result implements HdlcListener, ModemListener {
    final List<byte[]> good = new ArrayList<>();
    final List<byte[]> bad = new ArrayList<>();
    int aborts;
    int carrierUps;
    HdlcDecoder decoder;

    @Override
    public void onFrame(byte[] frame, boolean fcsOk) {
      (fcsOk ? good : bad).add(frame);
    }

    @Override
    public void onAbort() {
      aborts++;
    }

    @Override
    public void onEvent(ModemEvent e) {
      if (e instanceof ModemEvent.CarrierUp) {
        carrierUps++;
      } else if (e instanceof ModemEvent.CarrierDown) {
        decoder.reset();
      }
    }
  }

  static List<byte[]> randomFrames(Random r, int count) {
    List<byte[]> frames = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] f = new byte[3 + r.nextInt(28)];
      r.nextBytes(f);
      f[0] = (byte) 0xFF; // T.30 5.3.4 address
      f[1] = (byte) (i % 2 == 0 ? 0x03 : 0x13); // control: non-final / final
      frames.add(f);
    }
    return frames;
  }

  /**
   * Sends {@code frames} in bursts of {@code perBurst} (each with the 1 s flag preamble of T.30
   * 5.3.1, 75 ms of silence between bursts as T.30 asks between V.21 messages), over {@code line}.
   */
  static Result run(List<byte[]> frames, int perBurst, V21Config tx, LineModelConfig line) {
    Result res = new Result();
    HdlcDecoder dec = new HdlcDecoder(res);
    res.decoder = dec;
    V21Receiver rx = new V21Receiver(V21Config.channel2(), dec, res);
    LineModel model = new LineModel(line);
    LineSink sink = LineSink.of(rx);
    short[] buf = new short[160];
    short[] silence = new short[600]; // 75 ms
    model.process(silence, 0, silence.length, sink);
    for (int start = 0; start < frames.size(); start += perBurst) {
      HdlcEncoder enc = new HdlcEncoder(HdlcEncoder.V21_PREAMBLE_FLAGS);
      for (int i = start; i < Math.min(frames.size(), start + perBurst); i++) {
        enc.sendFrame(frames.get(i));
      }
      enc.finish();
      V21Transmitter t = new V21Transmitter(tx, enc, ModemListener.IGNORE);
      for (int guard = 0; guard < 100_000; guard++) {
        int n = t.transmit(buf, 0, buf.length);
        model.process(buf, 0, n, sink);
        if (n < buf.length) {
          break;
        }
      }
      model.process(silence, 0, silence.length, sink);
    }
    model.process(silence, 0, silence.length, sink);
    model.flush(sink);
    return res;
  }

  static void assertAllReceived(Result res, List<byte[]> frames) {
    assertThat(res.bad).as("frames with a bad FCS").isEmpty();
    assertThat(res.good).hasSize(frames.size());
    for (int i = 0; i < frames.size(); i++) {
      assertThat(res.good.get(i)).isEqualTo(frames.get(i));
    }
  }

  @Test
  void thousandFramesAt15DbSnrWithoutAnFcsFailure() {
    List<byte[]> frames = randomFrames(new Random(15), 1000);
    Result res =
        run(
            frames,
            20,
            V21Config.channel2().withTxLevel(-13),
            LineModelConfig.clean().withNoiseDbm0(-28).withSeed(15));
    assertAllReceived(res, frames);
  }

  @Test
  void aLawAndMuLawCompanding() {
    List<byte[]> frames = randomFrames(new Random(1), 100);
    for (Companding c : new Companding[] {Companding.ALAW, Companding.ULAW}) {
      Result res =
          run(
              frames,
              10,
              V21Config.channel2(),
              LineModelConfig.clean().withCompanding(c).withNoiseDbm0(-50));
      assertAllReceived(res, frames);
    }
  }

  @Test
  void clockOffsetOfPlusMinus100Ppm() {
    List<byte[]> frames = randomFrames(new Random(2), 100);
    for (double ppm : new double[] {100, -100}) {
      Result res =
          run(
              frames,
              10,
              V21Config.channel2(),
              LineModelConfig.clean()
                  .withClockOffsetPpm(ppm)
                  .withCompanding(Companding.ALAW)
                  .withNoiseDbm0(-45));
      assertAllReceived(res, frames);
    }
  }

  @Test
  void levelsFromMinus10ToMinus40Dbm0() {
    List<byte[]> frames = randomFrames(new Random(3), 40);
    for (double level = -10; level >= -40; level -= 5) {
      Result res =
          run(
              frames,
              10,
              V21Config.channel2().withTxLevel(level),
              LineModelConfig.clean().withCompanding(Companding.ALAW).withNoiseDbm0(level - 20));
      assertAllReceived(res, frames);
    }
  }

  @Test
  void carrierFrequencyOffsetAndEcho() {
    List<byte[]> frames = randomFrames(new Random(4), 40);
    for (double hz : new double[] {10, -10}) {
      Result res =
          run(
              frames,
              10,
              V21Config.channel2(),
              LineModelConfig.clean().withFrequencyOffsetHz(hz).withNoiseDbm0(-40));
      assertAllReceived(res, frames);
    }
    Result res =
        run(
            frames,
            10,
            V21Config.channel2(),
            LineModelConfig.clean().withEcho(40, -20).withNoiseDbm0(-40));
    assertAllReceived(res, frames);
  }

  @Test
  void lostBlocksBreakOnlyTheFramesTheyHit() {
    List<byte[]> frames = randomFrames(new Random(5), 200);
    Result res =
        run(
            frames,
            20,
            V21Config.channel2(),
            LineModelConfig.clean().withBlockLossRate(0.02).withNoiseDbm0(-50).withSeed(5));
    // every frame reported good is one that was sent, in order; most survive
    int j = 0;
    for (byte[] g : res.good) {
      while (j < frames.size() && !java.util.Arrays.equals(frames.get(j), g)) {
        j++;
      }
      assertThat(j)
          .as("good frame not among those sent, or out of order")
          .isLessThan(frames.size());
      j++;
    }
    assertThat(res.good.size()).isBetween(100, 199);
  }

  /** Bit error rate of V.21 carrying a PN pattern over {@code line}. */
  static BerTester.Checker ber(int bits, LineModelConfig line) {
    BerTester.Generator gen = new BerTester.Generator(BerTester.Pattern.O152_2047, bits);
    BerTester.Checker checker = new BerTester.Checker(BerTester.Pattern.O152_2047);
    V21Transmitter tx = new V21Transmitter(V21Config.channel2(), gen, ModemListener.IGNORE);
    // noise keeps the carrier up after the pattern ends: check no more bits than were sent (less
    // a couple, for the bit lost while the receiver acquires)
    int[] delivered = {0};
    V21Receiver rx =
        new V21Receiver(
            V21Config.channel2(),
            b -> {
              if (delivered[0]++ < bits - 2) {
                checker.putBit(b);
              }
            },
            ModemListener.IGNORE);
    LineModel model = new LineModel(line);
    LineSink sink = LineSink.of(rx);
    short[] buf = new short[160];
    for (int guard = 0; guard < 1_000_000; guard++) {
      int n = tx.transmit(buf, 0, buf.length);
      model.process(buf, 0, n, sink);
      if (n < buf.length) {
        break;
      }
    }
    model.process(new short[800], 0, 800, sink);
    model.flush(sink);
    return checker;
  }

  @Test
  void bitErrorRateWithBerTester() {
    BerTester.Checker at15 =
        ber(9000, LineModelConfig.clean().withNoiseDbm0(-28).withCompanding(Companding.ALAW));
    assertThat(at15.errors()).as(at15.toString()).isZero();
    assertThat(at15.bits()).isGreaterThan(8800);
    // far below the acceptance point errors appear, and the tester counts them
    BerTester.Checker at0 = ber(9000, LineModelConfig.clean().withNoiseDbm0(-13));
    assertThat(at0.errors()).as(at0.toString()).isPositive();
  }
}
