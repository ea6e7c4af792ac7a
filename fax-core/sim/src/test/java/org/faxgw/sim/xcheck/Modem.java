package org.faxgw.sim.xcheck;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.faxgw.modem.BitSink;
import org.faxgw.modem.BitSource;
import org.faxgw.modem.ModemEvent;
import org.faxgw.modem.ModemReceiver;
import org.faxgw.modem.ModemTransmitter;
import org.faxgw.modem.V17Config;
import org.faxgw.modem.V17Receiver;
import org.faxgw.modem.V17Transmitter;
import org.faxgw.modem.V27terConfig;
import org.faxgw.modem.V27terReceiver;
import org.faxgw.modem.V27terTransmitter;
import org.faxgw.modem.V29Config;
import org.faxgw.modem.V29Receiver;
import org.faxgw.modem.V29Transmitter;

/**
 * Every fast fax modem and rate, with the name libspandsp's harness knows it by and the noise
 * threshold our line tests hold it to (signal −13 dBm0, white noise over 0–4 kHz: the SNR at which
 * 300 000 bits arrive without error, {@code V17LineTest}, {@code PskLineTest}).
 */
enum Modem {
  V17_14400("v17", 14400, 24),
  V17_12000("v17", 12000, 21),
  V17_9600("v17", 9600, 18),
  V17_7200("v17", 7200, 14),
  V29_9600("v29", 9600, 23),
  V29_7200("v29", 7200, 18),
  V29_4800("v29", 4800, 14),
  V27TER_4800("v27ter", 4800, 16),
  V27TER_2400("v27ter", 2400, 10);

  /** Transmit level of every test signal. */
  static final double LEVEL_DBM0 = -13.0;

  /**
   * Noise floor of the impaired lines: 7 dB under the receivers' carrier-on level (−43 dBm0), so
   * that the squelch sees the bursts and not the noise; the signal level gives the SNR.
   */
  static final double NOISE_DBM0 = -50.0;

  final String spandspName;
  final int rate;
  final double thresholdDb;

  Modem(String spandspName, int rate, double thresholdDb) {
    this.spandspName = spandspName;
    this.rate = rate;
    this.thresholdDb = thresholdDb;
  }

  boolean sameModulation(Modem other) {
    return spandspName.equals(other.spandspName);
  }

  /** Our transmitter at {@link #LEVEL_DBM0} sending {@code bits}. */
  ModemTransmitter transmitter(BitSource source) {
    return switch (spandspName) {
      case "v17" ->
          new V17Transmitter(V17Config.longTrain(rate).withTxPower(LEVEL_DBM0), source, e -> {});
      case "v29" -> new V29Transmitter(V29Config.of(rate).withTransmitLevel(LEVEL_DBM0), source);
      default -> new V27terTransmitter(V27terConfig.of(rate).withTransmitLevel(LEVEL_DBM0), source);
    };
  }

  /** Our receiver for this modem and rate (default squelch). */
  ModemReceiver receiver(StringBuilder bits, List<ModemEvent> events) {
    return receiverInto(b -> bits.append((char) ('0' + b)), events);
  }

  /** Our receiver for this modem and rate (default squelch) delivering to {@code sink}. */
  ModemReceiver receiverInto(BitSink sink, List<ModemEvent> events) {
    return switch (spandspName) {
      case "v17" -> new V17Receiver(V17Config.longTrain(rate), sink, events::add);
      case "v29" -> new V29Receiver(V29Config.of(rate), sink, events::add);
      default -> new V27terReceiver(V27terConfig.of(rate), sink, events::add);
    };
  }

  /** {@code count} random bits from {@code seed}, as '0'/'1' characters. */
  static String randomBits(int count, long seed) {
    Random r = new Random(seed);
    char[] c = new char[count];
    for (int i = 0; i < count; i++) {
      c[i] = r.nextBoolean() ? '1' : '0';
    }
    return new String(c);
  }

  /** 100 ms of silence, the burst of {@code bits} from {@code tx}, 200 ms of silence. */
  static short[] burst(ModemTransmitter tx, int bitCount, int rate) {
    short[] audio = new short[800 + (int) (bitCount * 8000L / rate) + 24_000];
    int n = 800;
    for (int guard = 0; guard < 1_000_000 && n + 160 <= audio.length; guard++) {
      int got = tx.transmit(audio, n, 160);
      n += got;
      if (got < 160) {
        break;
      }
    }
    return Arrays.copyOf(audio, Math.min(audio.length, n + 1600));
  }

  /** Our transmitter's burst of {@code bits}, framed by silence. */
  short[] burst(String bits) {
    int[] pos = {0};
    ModemTransmitter tx =
        transmitter(() -> pos[0] < bits.length() ? bits.charAt(pos[0]++) - '0' : BitSource.END);
    return burst(tx, bits.length(), rate);
  }

  /** Our receiver over {@code audio} in 20 ms blocks. */
  Received receive(short[] audio) {
    StringBuilder bits = new StringBuilder();
    List<ModemEvent> events = new ArrayList<>();
    ModemReceiver rx = receiver(bits, events);
    for (int i = 0; i + 160 <= audio.length; i += 160) {
      rx.receive(audio, i, 160);
    }
    return new Received(bits.toString(), events);
  }

  /** What our receiver reported. */
  record Received(String bits, List<ModemEvent> events) {
    int trainings() {
      return (int) events.stream().filter(e -> e instanceof ModemEvent.TrainingSucceeded).count();
    }

    int failures() {
      return (int) events.stream().filter(e -> e instanceof ModemEvent.TrainingFailed).count();
    }
  }

  @Override
  public String toString() {
    return spandspName + " " + rate;
  }
}
