package org.faxgw.modem.v17;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.faxgw.modem.BitSource;
import org.faxgw.modem.ModemEvent;
import org.faxgw.modem.V17Config;
import org.faxgw.modem.V17Receiver;
import org.faxgw.modem.V17Transmitter;
import org.faxgw.testkit.AudioPump;

/** Test helper: V.17 transmitter → (noise) → receiver, with a known pseudo-random bit stream. */
final class LoopHarness {
  final List<ModemEvent> events = new ArrayList<>();
  final List<ModemEvent> txEvents = new ArrayList<>();
  int[] sent;
  int sentCount;
  int[] received;
  int receivedCount;

  /** Sends {@code bits} random bits, adds white noise {@code snrDb} below the signal. */
  V17Receiver rx;

  /**
   * Sends {@code bits} random bits with white noise {@code snrDb} below the signal; the first call
   * makes the receiver, later calls restart the same one (so a short training can follow).
   */
  void run(V17Config config0, int bits, double snrDb, long seed) {
    // squelch 6 dB above the noise, as in the spandsp measurements
    V17Config config =
        new V17Config(
            config0.bitRate(),
            config0.shortTrain(),
            config0.txPowerDbm0(),
            Math.max(config0.carrierCutoffDbm0(), config0.txPowerDbm0() - snrDb + 6.0));
    Random data = new Random(seed);
    sent = new int[bits];
    for (int i = 0; i < bits; i++) {
      sent[i] = data.nextInt(2);
    }
    sentCount = 0;
    received = new int[bits + 10000];
    receivedCount = 0;
    events.clear();
    txEvents.clear();
    BitSource src = () -> sentCount < sent.length ? sent[sentCount++] : BitSource.END;
    V17Transmitter tx = new V17Transmitter(config, src, txEvents::add);
    if (rx == null) {
      rx =
          new V17Receiver(
              config,
              b -> {
                if (receivedCount < received.length) {
                  received[receivedCount++] = b;
                }
              },
              events::add);
    } else {
      rx.restart(config);
    }
    double signalRms =
        32768.0 / Math.sqrt(2.0) * Math.pow(10.0, (config.txPowerDbm0() - 3.14) / 20.0);
    double noiseRms = signalRms * Math.pow(10.0, -snrDb / 20.0);
    Random noise = new Random(seed * 31 + 7);
    AudioPump.pump(
        tx::transmit,
        (block, off, len) -> rx.receive(addNoise(block, noise, noiseRms), off, len),
        10,
        10,
        1_000_000);
  }

  private static short[] addNoise(short[] in, Random r, double rms) {
    short[] out = new short[in.length];
    for (int i = 0; i < in.length; i++) {
      double v = in[i] + (rms > 0 ? r.nextGaussian() * rms : 0.0);
      out[i] = (short) Math.max(-32768, Math.min(32767, Math.round(v)));
    }
    return out;
  }

  /** Bit errors between sent and received, over the sent bits (received may carry extra ones). */
  int errors() {
    int n = Math.min(sent.length, receivedCount);
    int e = sent.length - n;
    for (int i = 0; i < n; i++) {
      if (sent[i] != received[i]) {
        e++;
      }
    }
    return e;
  }
}
