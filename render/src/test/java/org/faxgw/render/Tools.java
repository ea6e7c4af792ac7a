package org.faxgw.render;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.faxgw.testkit.ExternalTool;

/** Runs the reference tools (groff, ps2pdf, gs) for tests, bounded in time. */
final class Tools {
  private Tools() {}

  /** Runs a command in {@code dir}; fails the test clearly when it is missing or fails. */
  static String run(Path dir, String... cmd) throws IOException, InterruptedException {
    return ExternalTool.runOk(dir, cmd);
  }

  /** Some pages of groff -ms text: headings and justified paragraphs. */
  /**
   * Runs Ghostscript ({@code gs -q -dSAFER -dBATCH -dNOPAUSE}) on {@code input} with the given
   * device and resolution ("204x196"); {@code extra} goes before the input (e.g. paper size).
   */
  static void ghostscript(
      Path dir, String device, String resolution, Path output, Path input, String... extra)
      throws IOException, InterruptedException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "gs",
                "-q",
                "-dSAFER",
                "-dBATCH",
                "-dNOPAUSE",
                "-sDEVICE=" + device,
                "-r" + resolution));
    cmd.addAll(List.of(extra));
    cmd.add("-sOutputFile=" + output);
    cmd.add(input.toString());
    run(dir, cmd.toArray(String[]::new));
  }

  static String msText(int paragraphs) {
    StringBuilder sb = new StringBuilder(".TL\nFax rendering test\n.AU\nfaxgw\n");
    String[] words = {
      "facsimile",
      "gateway",
      "renders",
      "documents",
      "into",
      "bilevel",
      "pages",
      "at",
      "two",
      "hundred",
      "and",
      "four",
      "dots",
      "per",
      "inch",
      "across",
      "the",
      "scan",
      "line",
      "while",
      "Ghostscript",
      "serves",
      "as",
      "reference",
      "for",
      "geometry",
      "of",
      "each",
      "page"
    };
    for (int p = 0; p < paragraphs; p++) {
      if (p % 6 == 0) {
        sb.append(".NH\nSection ").append(p / 6 + 1).append('\n');
      }
      sb.append(".PP\n");
      for (int w = 0; w < 90; w++) {
        sb.append(words[(p * 7 + w * 3) % words.length]).append(w % 13 == 12 ? ".\n" : " ");
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** groff -ms to PostScript on the given paper ("a4" or "letter"). */
  static Path groffPs(Path dir, String name, String paper, int paragraphs)
      throws IOException, InterruptedException {
    Path ms = dir.resolve(name + ".ms");
    Files.writeString(ms, msText(paragraphs), StandardCharsets.US_ASCII);
    String ps = run(dir, "groff", "-ms", "-Tps", "-dpaper=" + paper, "-P-p" + paper, ms.toString());
    Path out = dir.resolve(name + ".ps");
    Files.writeString(out, ps, StandardCharsets.ISO_8859_1);
    return out;
  }

  /** groff -ms, then ps2pdf on the given paper. */
  static Path groffPdf(Path dir, String name, String paper, int paragraphs)
      throws IOException, InterruptedException {
    Path ps = groffPs(dir, name, paper, paragraphs);
    Path pdf = dir.resolve(name + ".pdf");
    run(dir, "ps2pdf", "-sPAPERSIZE=" + paper, ps.toString(), pdf.toString());
    return pdf;
  }

  /** A page of a raw PBM file: width, height and MSB-first packed rows (1 = black). */
  record Pbm(int width, int height, byte[] bits) {
    int stride() {
      return (width + 7) / 8;
    }

    boolean black(int x, int y) {
      return (bits[y * stride() + (x >>> 3)] & (0x80 >>> (x & 7))) != 0;
    }
  }

  /** Parses concatenated "P4" images (Netpbm PBM, raw). */
  static List<Pbm> readPbm(byte[] data) throws IOException {
    List<Pbm> pages = new ArrayList<>();
    int[] pos = {0};
    while (pos[0] < data.length) {
      if (data[pos[0]] != 'P' || data[pos[0] + 1] != '4') {
        throw new IOException("not a raw PBM at byte " + pos[0]);
      }
      pos[0] += 2;
      int w = number(data, pos);
      int h = number(data, pos);
      pos[0]++; // the single whitespace after the height
      int n = (w + 7) / 8 * h;
      if (pos[0] + n > data.length) {
        throw new EOFException("PBM page cut short");
      }
      byte[] bits = new byte[n];
      System.arraycopy(data, pos[0], bits, 0, n);
      pos[0] += n;
      pages.add(new Pbm(w, h, bits));
    }
    return pages;
  }

  private static int number(byte[] d, int[] pos) throws IOException {
    while (true) {
      byte c = d[pos[0]];
      if (c == '#') {
        while (d[pos[0]] != '\n') {
          pos[0]++;
        }
      } else if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
        pos[0]++;
      } else {
        break;
      }
    }
    int v = 0;
    int digits = 0;
    while (d[pos[0]] >= '0' && d[pos[0]] <= '9') {
      v = v * 10 + (d[pos[0]++] - '0');
      digits++;
    }
    if (digits == 0) {
      throw new IOException("bad PBM number");
    }
    return v;
  }

  /** Removes a folder and everything in it, quietly. */
  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /**
   * A new folder under the system temp folder that others may read (render workers run as nobody
   * when the tests run as root).
   */
  static Path openTempDir(String prefix) throws IOException {
    return Files.createTempDirectory(
        prefix,
        java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
            java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x")));
  }
}
