package org.faxgw.sim.xcheck;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.faxgw.sim.spandsp.SpandspHarness;

/**
 * libspandsp's receivers over many audio files in one run of {@code spandsp_modems.c}: each case
 * gets a fresh receiver with the fax front end's squelch (−45.5 dBm0).
 */
final class SpandspModems {
  static final String C = "spandsp_modems.c";
  private static final Pattern CASE =
      Pattern.compile("CASE (\\d+) trained=(\\d+) failed=(\\d+) bits=(\\d+)");

  private SpandspModems() {}

  /** What libspandsp's receiver made of one file. */
  record Decoded(int trainings, int failures, String bits) {}

  /**
   * Decodes {@code audio.get(i)} with a receiver for {@code modems.get(i)}; files in {@code dir}.
   */
  static List<Decoded> decode(Path dir, List<Modem> modems, List<short[]> audio)
      throws IOException, InterruptedException {
    return decodeAs(dir, modems.stream().map(m -> m.spandspName + " " + m.rate).toList(), audio);
  }

  /**
   * As {@link #decode} with receivers named "MODEM RATE" ({@code v17s}: V.17 that expects a short
   * training after a first trained burst).
   */
  static List<Decoded> decodeAs(Path dir, List<String> receivers, List<short[]> audio)
      throws IOException, InterruptedException {
    StringBuilder list = new StringBuilder();
    for (int i = 0; i < audio.size(); i++) {
      Path raw = dir.resolve("case" + i + ".raw");
      SpandspHarness.writeRaw(raw, audio.get(i));
      list.append(receivers.get(i))
          .append(' ')
          .append(raw)
          .append(' ')
          .append(dir.resolve("case" + i + ".bits"))
          .append('\n');
    }
    Path listFile = dir.resolve("cases.txt");
    Files.writeString(listFile, list, StandardCharsets.US_ASCII);
    String out = SpandspHarness.run(C, 600, List.of("decode", listFile.toString()));
    List<Decoded> result = new ArrayList<>();
    Matcher m = CASE.matcher(out);
    while (m.find()) {
      int i = Integer.parseInt(m.group(1));
      String bits = Files.readString(dir.resolve("case" + i + ".bits"), StandardCharsets.US_ASCII);
      result.add(new Decoded(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), bits));
      Files.deleteIfExists(dir.resolve("case" + i + ".raw"));
    }
    if (result.size() != audio.size()) {
      throw new IllegalStateException(
          "spandsp_modems decoded " + result.size() + " cases:\n" + out);
    }
    return result;
  }

  /**
   * Mismatches of all of {@code sent} against {@code got} from where {@code got} holds the first 64
   * bits of {@code sent} (all of them when it does not).
   */
  static int errorsFound(String sent, String got) {
    int at = got.indexOf(sent.substring(0, 64));
    if (at < 0) {
      return sent.length();
    }
    return errorsExact(sent, got.substring(at));
  }

  /** Mismatches of {@code got} against all of {@code sent}, from {@code got}'s first bit. */
  static int errorsExact(String sent, String got) {
    return errorsAt(sent, got, 0, Integer.MAX_VALUE);
  }

  /** Mismatches at the best alignment of {@code got} within ±64 bits. */
  static int errorsAligned(String sent, String got) {
    int best = Integer.MAX_VALUE;
    for (int shift = -64; shift <= 64 && best > 0; shift++) {
      best = Math.min(best, errorsAt(sent, got, shift, best));
    }
    return best;
  }

  private static int errorsAt(String sent, String got, int shift, int stopAt) {
    int errors = 0;
    for (int i = 0; i < sent.length() && errors < stopAt; i++) {
      int j = i + shift;
      if (j < 0 || j >= got.length() || got.charAt(j) != sent.charAt(i)) {
        errors++;
      }
    }
    return errors;
  }
}
