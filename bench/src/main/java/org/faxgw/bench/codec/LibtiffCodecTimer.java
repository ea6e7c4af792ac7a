package org.faxgw.bench.codec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.faxgw.bench.Exec;
import org.faxgw.t4.FaxCompression;

/**
 * libtiff timed on the same pages: in process, through the C harness {@code
 * libtiff_codec_harness.c} (a resource of this package) compiled here with gcc against libtiff-dev
 * (coding in memory, process CPU time, median, pages checked outside the timed part), and as whole
 * {@code tiffcp} processes (the child's CPU time, median).
 */
final class LibtiffCodecTimer {
  private static final String HARNESS = "libtiff_codec_harness.c";

  private LibtiffCodecTimer() {}

  /** CPU seconds for the whole corpus, or NaN when not measured. */
  record Timing(double encodeSeconds, double decodeSeconds, long bytes, String note) {}

  /**
   * In-process libtiff timings of the uncompressed multi-page TIFF {@code none}, or an empty map
   * with the reason in {@code why} when gcc or libtiff-dev is missing.
   */
  static Map<FaxCompression, Timing> inProcess(Path dir, Path none, int reps, StringBuilder why)
      throws IOException, InterruptedException {
    Map<FaxCompression, Timing> out = new EnumMap<>(FaxCompression.class);
    if (!Exec.onPath("gcc")) {
      why.append("gcc not found");
      return out;
    }
    Path src = dir.resolve(HARNESS);
    Path bin = dir.resolve("libtiff_codec_harness");
    try (InputStream in = LibtiffCodecTimer.class.getResourceAsStream(HARNESS)) {
      if (in == null) {
        throw new IOException(HARNESS + " is missing from the bench jar");
      }
      Files.write(src, in.readAllBytes());
    }
    Exec.Result cc =
        Exec.run(dir, 120, List.of("gcc", "-O2", "-o", bin.toString(), src.toString(), "-ltiff"));
    if (!cc.ok()) {
      why.append("gcc against libtiff failed (install libtiff-dev): ").append(cc.stderr().strip());
      return out;
    }
    Exec.Result r =
        Exec.run(dir, 1800, List.of(bin.toString(), none.toString(), Integer.toString(reps)));
    if (!r.ok()) {
      why.append("harness failed: ").append(r.stderr().strip());
      return out;
    }
    for (String line : r.stdout().split("\n")) {
      if (!line.startsWith("CODEC ")) {
        continue;
      }
      String[] f = line.split(" ");
      FaxCompression c = FaxCompression.valueOf(f[1]);
      out.put(
          c,
          new Timing(
              Double.parseDouble(value(f, "encode_s")),
              Double.parseDouble(value(f, "decode_s")),
              Long.parseLong(value(f, "bytes")),
              "mismatched pages " + value(f, "mismatched")));
    }
    return out;
  }

  private static String value(String[] fields, String key) {
    for (String f : fields) {
      if (f.startsWith(key + "=")) {
        return f.substring(key.length() + 1);
      }
    }
    throw new IllegalArgumentException("harness output lacks " + key);
  }

  /** Whole tiffcp processes: the child's CPU time (user + system), median of {@code reps}. */
  static Map<FaxCompression, Timing> tiffcp(Path dir, Path none, int reps)
      throws IOException, InterruptedException {
    Map<FaxCompression, Timing> out = new EnumMap<>(FaxCompression.class);
    if (!Exec.onPath("tiffcp")) {
      return out;
    }
    Map<FaxCompression, String> codec =
        Map.of(FaxCompression.MH, "g3:1d", FaxCompression.MR, "g3:2d", FaxCompression.MMR, "g4");
    for (FaxCompression c : FaxCompression.values()) {
      Path coded = dir.resolve("tiffcp_" + c + ".tif");
      Path back = dir.resolve("tiffcp_" + c + "_none.tif");
      double[] enc = new double[reps];
      double[] dec = new double[reps];
      for (int i = 0; i < reps; i++) {
        List<String> encode =
            List.of(
                "tiffcp", "-c", codec.get(c), "-r", "100000", none.toString(), coded.toString());
        Exec.Result e = Exec.run(dir, 600, encode);
        List<String> decode =
            List.of("tiffcp", "-c", "none", "-r", "100000", coded.toString(), back.toString());
        Exec.Result d = Exec.run(dir, 600, decode);
        if (!e.ok() || !d.ok()) {
          throw new IOException("tiffcp failed: " + e.stderr() + d.stderr());
        }
        enc[i] = e.cpuNanos() / 1e9;
        dec[i] = d.cpuNanos() / 1e9;
      }
      out.put(c, new Timing(median(enc), median(dec), Files.size(coded), "whole process"));
    }
    return out;
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
