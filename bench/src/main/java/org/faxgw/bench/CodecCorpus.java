package org.faxgw.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.FaxTiffReader;
import org.faxgw.t4.Resolution;

/**
 * The pages the codec benchmark codes: by default bash(1) set by {@code groff -man -Tps} and
 * rendered by Ghostscript to 1728 x 2292 at 204 x 196 dpi (pages of text, as most faxes are); any
 * bilevel TIFF given instead; generated text-like pages when groff or gs is missing.
 */
public final class CodecCorpus {
  private CodecCorpus() {}

  /** The pages and a line saying where they came from. */
  public record Corpus(List<BilevelPage> pages, String description) {}

  public static Corpus load(Path tiff, int pages) throws IOException {
    List<BilevelPage> src = FaxTiffReader.read(Files.readAllBytes(tiff));
    return new Corpus(cycle(src, pages), tiff + " (" + src.size() + " pages, cycled)");
  }

  public static Corpus build(Path dir, int pages) throws IOException, InterruptedException {
    Path man = Path.of("/usr/share/man/man1/bash.1.gz");
    if (Exec.onPath("groff") && Exec.onPath("gs") && Files.isReadable(man)) {
      Path ps = dir.resolve("bash.ps");
      Path plain = dir.resolve("bash.1");
      try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(man))) {
        Files.write(plain, in.readAllBytes());
      }
      Exec.Result g =
          Exec.run(dir, 300, List.of("groff", "-man", "-Tps", "-P-pa4", plain.toString()), ps);
      if (g.ok()) {
        Path tif = dir.resolve("bash_g4.tif");
        int last = Math.min(pages, 60);
        Exec.Result r =
            Exec.run(
                dir,
                600,
                List.of(
                    "gs",
                    "-q",
                    "-dSAFER",
                    "-dBATCH",
                    "-dNOPAUSE",
                    "-sDEVICE=tiffg4",
                    "-r204x196",
                    "-g1728x2292",
                    "-dFIXEDMEDIA",
                    "-dFirstPage=1",
                    "-dLastPage=" + last,
                    "-sOutputFile=" + tif,
                    ps.toString()));
        if (r.ok() && Files.size(tif) > 0) {
          List<BilevelPage> src = FaxTiffReader.read(Files.readAllBytes(tif));
          return new Corpus(
              cycle(src, pages),
              "bash(1) via groff -man -Tps | gs -sDEVICE=tiffg4 -r204x196 -g1728x2292: "
                  + src.size()
                  + " pages, cycled to "
                  + pages);
        }
      }
    }
    List<BilevelPage> gen = new ArrayList<>();
    for (int i = 0; i < Math.min(pages, 20); i++) {
      gen.add(textPage(1728, 2292, i));
    }
    return new Corpus(
        cycle(gen, pages), "generated text-like pages (groff, gs or the bash manual missing)");
  }

  private static List<BilevelPage> cycle(List<BilevelPage> src, int n) {
    List<BilevelPage> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(src.get(i % src.size()));
    }
    return out;
  }

  /** Lines of glyph-sized strokes, as a stand-in for a page of text. */
  static BilevelPage textPage(int w, int h, long seed) {
    Random r = new Random(seed);
    int stride = BilevelPage.stride(w);
    byte[] b = new byte[stride * h];
    for (int top = 120; top + 40 < h - 120; top += 60) {
      int x = 120;
      while (x < w - 160) {
        int gw = 10 + r.nextInt(12);
        if (r.nextInt(6) != 0) {
          for (int s = 0; s < 3; s++) {
            boolean vertical = r.nextBoolean();
            int sx = x + r.nextInt(gw - 3);
            int sy = top + r.nextInt(20);
            int rw = vertical ? 3 : gw - 2;
            int rh = vertical ? 20 : 3;
            for (int y = sy; y < sy + rh; y++) {
              for (int xx = sx; xx < Math.min(w, sx + rw); xx++) {
                b[y * stride + (xx >>> 3)] |= (byte) (0x80 >>> (xx & 7));
              }
            }
          }
        }
        x += gw + 3;
      }
    }
    return new BilevelPage(w, h, Resolution.FINE, b);
  }
}
