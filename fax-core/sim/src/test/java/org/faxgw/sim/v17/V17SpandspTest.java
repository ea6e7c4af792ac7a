package org.faxgw.sim.v17;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.faxgw.modem.BitSource;
import org.faxgw.modem.ModemEvent;
import org.faxgw.modem.V17Config;
import org.faxgw.modem.V17Receiver;
import org.faxgw.modem.V17Transmitter;
import org.faxgw.sim.spandsp.SpandspHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Second opinion from libspandsp 0.0.6 (Debian libspandsp-dev, through {@code
 * src/test/c/spandsp_v17.c}): its V.17 receiver decodes our transmitter, and our receiver decodes
 * its transmitter, at every rate, without a bit error.
 */
class V17SpandspTest {
  static final int BITS = 30_000;

  static String randomBits(long seed) {
    Random r = new Random(seed);
    StringBuilder b = new StringBuilder(BITS);
    for (int i = 0; i < BITS; i++) {
      b.append(r.nextBoolean() ? '1' : '0');
    }
    return b.toString();
  }

  /** Errors of {@code got} against {@code sent}, aligned on the first 64 bits of {@code sent}. */
  static int errorsAligned(String sent, String got) {
    int at = got.indexOf(sent.substring(0, 64));
    if (at < 0) {
      return sent.length();
    }
    int errors = 0;
    for (int i = 0; i < sent.length(); i++) {
      if (at + i >= got.length() || got.charAt(at + i) != sent.charAt(i)) {
        errors++;
      }
    }
    return errors;
  }

  @ParameterizedTest
  @ValueSource(ints = {14400, 12000, 9600, 7200})
  void spandspReceiverDecodesOurTransmitter(int rate) throws Exception {
    String sent = randomBits(rate);
    int[] pos = new int[1];
    V17Transmitter tx =
        new V17Transmitter(
            V17Config.longTrain(rate).withTxPower(-13),
            () -> pos[0] < sent.length() ? sent.charAt(pos[0]++) - '0' : BitSource.END,
            e -> {});
    short[] audio = new short[(int) (8000L * (3 + BITS / rate))];
    int n = 800; // 100 ms of silence first
    while (n < audio.length) {
      int got = tx.transmit(audio, n, Math.min(160, audio.length - n));
      n += got;
      if (got < 160) {
        break;
      }
    }
    Path dir = SpandspHarness.workDir("v17-ours-to-spandsp-" + rate);
    Path raw = dir.resolve("ours.raw");
    Path bits = dir.resolve("bits.txt");
    SpandspHarness.writeRaw(raw, audio, 0, Math.min(audio.length, n + 800));
    String out = SpandspHarness.run("spandsp_v17.c", "decode", "" + rate, "0", "" + raw, "" + bits);
    String got = Files.readString(bits, StandardCharsets.US_ASCII);
    assertThat(out).contains("STATUS Training succeeded");
    assertThat(errorsAligned(sent, got)).as(out).isZero();
  }

  @ParameterizedTest
  @ValueSource(ints = {14400, 12000, 9600, 7200})
  void ourReceiverDecodesSpandspsTransmitter(int rate) throws Exception {
    String sent = randomBits(rate + 1);
    Path dir = SpandspHarness.workDir("v17-spandsp-to-ours-" + rate);
    Path bits = dir.resolve("bits.txt");
    Path raw = dir.resolve("spandsp.raw");
    Files.writeString(bits, sent, StandardCharsets.US_ASCII);
    SpandspHarness.run("spandsp_v17.c", "encode", "" + rate, "-13", "" + bits, "" + raw);
    short[] audio = SpandspHarness.readRaw(raw);
    StringBuilder got = new StringBuilder();
    List<ModemEvent> events = new ArrayList<>();
    V17Receiver rx =
        new V17Receiver(V17Config.longTrain(rate), b -> got.append((char) ('0' + b)), events::add);
    for (int i = 0; i + 160 <= audio.length; i += 160) {
      rx.receive(audio, i, 160);
    }
    assertThat(events).anyMatch(e -> e instanceof ModemEvent.TrainingSucceeded);
    // our receiver delivers exactly the data bits, from the first one
    assertThat(got.toString()).startsWith(sent.substring(0, 64));
    assertThat(errorsAligned(sent, got.toString())).as(events.toString()).isZero();
  }

  /** V.17 3.3 allows an optional talker echo protection tone before the training. */
  @org.junit.jupiter.api.Test
  void ourReceiverSkipsSpandspsTalkerEchoProtectionTone() throws Exception {
    String sent = randomBits(77);
    Path dir = SpandspHarness.workDir("v17-spandsp-tep");
    Path bits = dir.resolve("bits.txt");
    Path raw = dir.resolve("spandsp.raw");
    Files.writeString(bits, sent, StandardCharsets.US_ASCII);
    SpandspHarness.run("spandsp_v17.c", "encode", "14400", "-13", "" + bits, "" + raw, "1");
    short[] audio = SpandspHarness.readRaw(raw);
    StringBuilder got = new StringBuilder();
    List<ModemEvent> events = new ArrayList<>();
    V17Receiver rx =
        new V17Receiver(V17Config.longTrain(14400), b -> got.append((char) ('0' + b)), events::add);
    for (int i = 0; i + 160 <= audio.length; i += 160) {
      rx.receive(audio, i, 160);
    }
    assertThat(events).anyMatch(e -> e instanceof ModemEvent.TrainingSucceeded);
    assertThat(errorsAligned(sent, got.toString())).as(events.toString()).isZero();
  }

  /**
   * A page after the TCF: spandsp follows our long training and then our short one (its short
   * training keeps the symbol timing it expects from the burst's onset; see V17Transmitter).
   */
  @ParameterizedTest
  @ValueSource(ints = {14400, 7200})
  void spandspReceiverFollowsOurShortTraining(int rate) throws Exception {
    String first = randomBits(rate + 5).substring(0, 5000);
    String page = randomBits(rate + 6);
    short[] audio = new short[8000 * (8 + 2 * BITS / rate)];
    int n = 800;
    for (String bits : new String[] {first, page}) {
      int[] pos = new int[1];
      V17Config c = V17Config.longTrain(rate).withTxPower(-13).withShortTrain(bits == page);
      V17Transmitter tx =
          new V17Transmitter(
              c,
              () -> pos[0] < bits.length() ? bits.charAt(pos[0]++) - '0' : BitSource.END,
              e -> {});
      while (n + 160 <= audio.length) {
        int got = tx.transmit(audio, n, 160);
        n += got;
        if (got < 160) {
          break;
        }
      }
      n += 1600; // 200 ms between the bursts (T.30: CFR goes the other way meanwhile)
    }
    Path dir = SpandspHarness.workDir("v17-ours-short-to-spandsp-" + rate);
    Path raw = dir.resolve("ours.raw");
    Path bits = dir.resolve("bits.txt");
    SpandspHarness.writeRaw(raw, audio, 0, Math.min(audio.length, n));
    String out = SpandspHarness.run("spandsp_v17.c", "decode", "" + rate, "1", "" + raw, "" + bits);
    String got = Files.readString(bits, StandardCharsets.US_ASCII);
    assertThat(out.split("Training succeeded", -1)).as(out).hasSize(3);
    assertThat(errorsAligned(first, got)).as(out).isZero();
    assertThat(errorsAligned(page, got)).as(out).isZero();
  }
}
