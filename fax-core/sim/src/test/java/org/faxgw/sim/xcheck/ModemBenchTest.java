package org.faxgw.sim.xcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.faxgw.modem.ModemEvent;
import org.faxgw.modem.ModemReceiver;
import org.faxgw.modem.ModemTransmitter;
import org.faxgw.sim.LineModel;
import org.faxgw.sim.LineModelConfig;
import org.faxgw.sim.spandsp.SpandspHarness;
import org.junit.jupiter.api.Test;

/**
 * CPU cost per 8 kHz sample of every fast-modem receiver and transmitter, ours beside libspandsp
 * 0.0.6's on the same audio (printed, not asserted). Run with:
 *
 * <pre>
 * mvn -B -ntp -pl fax-core/sim -am test -Dtest=ModemBenchTest -Dsurefire.failIfNoSpecifiedTests=false -Dfaxgw.bench=true
 * </pre>
 *
 * <p>Method, the same on both sides: 20 s of our transmitter's signal (random data, −13 dBm0, noise
 * −60 dBm0) per modem and rate; each figure is the thread CPU time (Java: {@link
 * ThreadMXBean#getCurrentThreadCpuTime}; C: {@code CLOCK_THREAD_CPUTIME_ID}) around the receive (or
 * transmit) calls only, in 20 ms blocks, divided by the samples; {@value #WARMUP} warm-up runs,
 * then the median of {@value #RUNS} runs. File reading, receiver construction and bit sinks that
 * only count are outside the timed part. A hash of our decoded bits is printed so that speed-ups
 * can be checked to leave the bits unchanged.
 */
class ModemBenchTest {
  static final int SECONDS = 20;
  static final int WARMUP = 5;
  static final int RUNS = 9;
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  @Test
  void cpuPerSampleOursAndSpandsp() throws Exception {
    assumeTrue(Boolean.getBoolean("faxgw.bench"), "set -Dfaxgw.bench=true to run");
    assumeTrue(CPU.isCurrentThreadCpuTimeSupported(), "no thread CPU clock");
    Path dir = SpandspHarness.workDir("modem-bench");
    StringBuilder list = new StringBuilder();
    List<short[]> audio = new ArrayList<>();
    for (Modem m : Modem.values()) {
      Random r = new Random(m.ordinal());
      ModemTransmitter tx = m.transmitter(() -> r.nextInt(2));
      short[] a = new short[8000 * SECONDS];
      for (int n = 800; n < a.length; n += 160) {
        tx.transmit(a, n, Math.min(160, a.length - n));
      }
      a = LineModel.apply(LineModelConfig.clean().withNoiseDbm0(-60).withSeed(2), a);
      Path raw = dir.resolve(m.spandspName + m.rate + ".raw");
      SpandspHarness.writeRaw(raw, a);
      list.append(m.spandspName).append(' ').append(m.rate).append(' ').append(raw).append('\n');
      audio.add(a);
    }
    Path listFile = dir.resolve("bench.txt");
    java.nio.file.Files.writeString(listFile, list);
    String rxOut =
        SpandspHarness.run(
            SpandspModems.C, 1200, List.of("time", "" + listFile, "" + WARMUP, "" + RUNS));
    double[] theirRx = new double[Modem.values().length];
    Matcher mm = Pattern.compile("RX (\\d+)((?: [0-9.]+)+)").matcher(rxOut);
    while (mm.find()) {
      theirRx[Integer.parseInt(mm.group(1))] = median(mm.group(2).trim().split(" "));
    }
    System.out.printf(
        "modem CPU, ns per sample (thread CPU time, median of %d runs after %d warm-up runs, %d s"
            + " of audio):%n  %-12s %9s %9s %6s   %9s %9s %6s   %s%n",
        RUNS,
        WARMUP,
        SECONDS,
        "modem",
        "rx ours",
        "rx spandsp",
        "ratio",
        "tx ours",
        "tx spandsp",
        "ratio",
        "hash of our decoded bits");
    for (Modem m : Modem.values()) {
      short[] a = audio.get(m.ordinal());
      long[] crc = new long[1];
      double oursRx = oursReceive(m, a, crc);
      crc[0] &= 0xFFFFFFFFL;
      double oursTx = oursTransmit(m);
      String txOut =
          SpandspHarness.run(
              SpandspModems.C,
              600,
              List.of("txtime", m.spandspName, "" + m.rate, "" + a.length, "" + WARMUP, "" + RUNS));
      double theirTx = median(txOut.replaceAll("(?s).*TX ([0-9. ]+)\n.*", "$1").trim().split(" "));
      System.out.printf(
          "  %-12s %9.1f %9.1f %6.2f   %9.1f %9.1f %6.2f   %08x%n",
          m,
          oursRx,
          theirRx[m.ordinal()],
          oursRx / theirRx[m.ordinal()],
          oursTx,
          theirTx,
          oursTx / theirTx,
          crc[0]);
      assertThat(theirRx[m.ordinal()]).isPositive();
    }
  }

  static double median(String[] figures) {
    double[] v = Arrays.stream(figures).mapToDouble(Double::parseDouble).sorted().toArray();
    return v[v.length / 2];
  }

  /** Our receiver: median thread-CPU ns/sample; {@code crc[0]} gets a hash of the bits. */
  static double oursReceive(Modem m, short[] audio, long[] crc) {
    double[] runs = new double[RUNS];
    for (int run = 0; run < WARMUP + RUNS; run++) {
      List<ModemEvent> events = new ArrayList<>();
      long[] hash = {0, 0};
      // a sink as cheap as the C harness's bit counter, that still sees every bit
      ModemReceiver rx =
          m.receiverInto(
              b -> {
                hash[0] = hash[0] * 31 + b + 1;
                hash[1]++;
              },
              events);
      long t0 = CPU.getCurrentThreadCpuTime();
      for (int i = 0; i + 160 <= audio.length; i += 160) {
        rx.receive(audio, i, 160);
      }
      long t1 = CPU.getCurrentThreadCpuTime();
      if (run >= WARMUP) {
        runs[run - WARMUP] = (t1 - t0) / (double) (audio.length - audio.length % 160);
      }
      assertThat(events).anyMatch(e -> e instanceof ModemEvent.TrainingSucceeded);
      crc[0] = hash[0] ^ (hash[0] >>> 32);
      assertThat(hash[1]).isGreaterThan((long) m.rate * (SECONDS - 3));
    }
    Arrays.sort(runs);
    return runs[RUNS / 2];
  }

  /** Our transmitter over {@link #SECONDS} s: median thread-CPU ns/sample. */
  static double oursTransmit(Modem m) {
    double[] runs = new double[RUNS];
    short[] block = new short[160];
    for (int run = 0; run < WARMUP + RUNS; run++) {
      // the same LCG as the C harness's random_bit
      int[] lcg = {12345};
      ModemTransmitter tx =
          m.transmitter(
              () -> {
                lcg[0] = lcg[0] * 1103515245 + 12345;
                return (lcg[0] >>> 16) & 1;
              });
      long n = 0;
      long sink = 0;
      long t0 = CPU.getCurrentThreadCpuTime();
      while (n < 8000L * SECONDS) {
        n += tx.transmit(block, 0, 160);
        sink += block[7];
      }
      long t1 = CPU.getCurrentThreadCpuTime();
      if (run >= WARMUP) {
        runs[run - WARMUP] = (t1 - t0) / (double) n;
      }
      assertThat(sink).isNotEqualTo(Long.MIN_VALUE);
    }
    Arrays.sort(runs);
    return runs[RUNS / 2];
  }
}
