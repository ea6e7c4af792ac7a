package org.faxgw.sim.psk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.faxgw.modem.BitSource;
import org.faxgw.modem.ModemEvent;
import org.faxgw.modem.ModemReceiver;
import org.faxgw.modem.ModemTransmitter;
import org.faxgw.modem.V27terConfig;
import org.faxgw.modem.V27terReceiver;
import org.faxgw.modem.V27terTransmitter;
import org.faxgw.modem.V29Config;
import org.faxgw.modem.V29Receiver;
import org.faxgw.modem.V29Transmitter;
import org.faxgw.sim.spandsp.SpandspHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Second opinion from libspandsp 0.0.6 ({@code src/test/c/spandsp_v27ter_v29.c} compiled by {@link
 * SpandspHarness}): spandsp's V.29/V.27ter receivers decode our transmitters, and our receivers
 * decode spandsp's transmitters, without a bit error. (CPU figures: {@code xcheck.ModemBenchTest}.)
 */
class PskSpandspTest {
  static final String C = "spandsp_v27ter_v29.c";
  static final int BITS = 30_000;

  static String randomBits(long seed) {
    Random r = new Random(seed);
    StringBuilder sb = new StringBuilder(BITS);
    for (int i = 0; i < BITS; i++) {
      sb.append(r.nextBoolean() ? '1' : '0');
    }
    return sb.toString();
  }

  static ModemTransmitter transmitter(String modem, int rate, BitSource src) {
    return modem.equals("v29")
        ? new V29Transmitter(V29Config.of(rate).withTransmitLevel(-13), src)
        : new V27terTransmitter(V27terConfig.of(rate).withTransmitLevel(-13), src);
  }

  static ModemReceiver receiver(
      String modem, int rate, StringBuilder bits, List<ModemEvent> events) {
    return modem.equals("v29")
        ? new V29Receiver(V29Config.of(rate), b -> bits.append((char) ('0' + b)), events::add)
        : new V27terReceiver(
            V27terConfig.of(rate), b -> bits.append((char) ('0' + b)), events::add);
  }

  /** Mismatches between sent and got at the best shift within ±64 bits (all of sent compared). */
  static int errorsAligned(String sent, String got) {
    int best = Integer.MAX_VALUE;
    for (int shift = -64; shift <= 64; shift++) {
      int errors = 0;
      for (int i = 0; i < sent.length() && errors < best; i++) {
        int j = i + shift;
        if (j < 0 || j >= got.length() || got.charAt(j) != sent.charAt(i)) {
          errors++;
        }
      }
      best = Math.min(best, errors);
    }
    return best;
  }

  static short[] ourAudio(String modem, int rate, String bits) {
    int[] pos = new int[1];
    ModemTransmitter tx =
        transmitter(
            modem,
            rate,
            () -> pos[0] < bits.length() ? bits.charAt(pos[0]++) - '0' : BitSource.END);
    short[] audio = new short[800 + (int) (bits.length() * 8000L / rate) + 16000];
    int n = 800;
    for (int guard = 0; guard < 100_000; guard++) {
      int got = tx.transmit(audio, n, Math.min(160, audio.length - n));
      n += got;
      if (got < 160 || n >= audio.length) {
        break;
      }
    }
    return java.util.Arrays.copyOf(audio, Math.min(audio.length, n + 800));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"v29, 9600", "v29, 7200", "v29, 4800", "v27ter, 4800", "v27ter, 2400"})
  void spandspDecodesOurTransmitter(String modem, int rate) throws Exception {
    String sent = randomBits(rate);
    Path dir = SpandspHarness.workDir("psk-ours-" + modem + rate);
    Path raw = dir.resolve("ours.raw");
    Path bits = dir.resolve("spandsp.bits");
    short[] audio = ourAudio(modem, rate, sent);
    SpandspHarness.writeRaw(raw, audio, 0, audio.length);
    String out = SpandspHarness.run(C, "decode", modem, "" + rate, "" + raw, "" + bits);
    String got = Files.readString(bits);
    assertThat(out).contains("STATUS Training succeeded");
    assertThat(errorsAligned(sent, got)).as(out).isZero();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"v29, 9600", "v29, 7200", "v29, 4800", "v27ter, 4800", "v27ter, 2400"})
  void weDecodeSpandspsTransmitter(String modem, int rate) throws Exception {
    String sent = randomBits(rate + 1);
    Path dir = SpandspHarness.workDir("psk-theirs-" + modem + rate);
    Path bits = dir.resolve("sent.bits");
    Path raw = dir.resolve("spandsp.raw");
    Files.writeString(bits, sent);
    SpandspHarness.run(C, "encode", modem, "" + rate, "-13", "" + bits, "" + raw);
    short[] audio = SpandspHarness.readRaw(raw);
    StringBuilder got = new StringBuilder();
    List<ModemEvent> events = new ArrayList<>();
    ModemReceiver rx = receiver(modem, rate, got, events);
    for (int i = 0; i + 160 <= audio.length; i += 160) {
      rx.receive(audio, i, 160);
    }
    short[] silence = new short[160];
    for (int i = 0; i < 10; i++) {
      rx.receive(silence, 0, 160);
    }
    assertThat(events).anyMatch(e -> e instanceof ModemEvent.TrainingSucceeded);
    assertThat(events).noneMatch(e -> e instanceof ModemEvent.TrainingFailed);
    assertThat(errorsAligned(sent, got.toString())).as(events.toString()).isZero();
    // and the data start exactly where they should: no missing or extra bit at the front
    assertThat(got.toString()).startsWith(sent.substring(0, 64));
  }
}
