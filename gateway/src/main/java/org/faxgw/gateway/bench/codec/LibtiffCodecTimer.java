package org.faxgw.gateway.bench.codec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.faxgw.t4.FaxCompression;

/**
 * libtiff timed on the same pages: in process, through a small C harness compiled here with gcc
 * against libtiff-dev (process CPU time, median of the repetitions, pixels checked), and as whole
 * {@code tiffcp} processes (wall time, median).
 */
public final class LibtiffCodecTimer {
  private LibtiffCodecTimer() {}

  /** Seconds for the whole corpus, or NaN when not measured. */
  public record Timing(double encodeSeconds, double decodeSeconds, long bytes, String note) {}

  /** The C harness: written for faxgw against the public libtiff API. */
  static final String HARNESS =
      """
      #include <stdio.h>
      #include <stdlib.h>
      #include <string.h>
      #include <stdarg.h>
      #include <time.h>
      #include <tiffio.h>
      typedef struct { uint32_t w, h; float xr, yr; tmsize_t size; unsigned char *data; } Page;
      static double cpu(void) {
        struct timespec t; clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
        return t.tv_sec + t.tv_nsec * 1e-9;
      }
      static int cmpd(const void *a, const void *b) {
        double x = *(const double *)a, y = *(const double *)b; return x < y ? -1 : x > y;
      }
      static void quiet(const char *m, const char *f, va_list ap) { (void)m; (void)f; (void)ap; }
      int main(int argc, char **argv) {
        if (argc != 4) { fprintf(stderr, "usage: harness in.tif scratch.tif reps\\n"); return 2; }
        TIFFSetWarningHandler(quiet);
        TIFF *in = TIFFOpen(argv[1], "r");
        if (!in) return 1;
        int n = 0, cap = 16, reps = atoi(argv[3]);
        Page *p = malloc(sizeof(Page) * cap);
        tmsize_t maxsize = 0;
        do {
          if (n == cap) { cap *= 2; p = realloc(p, sizeof(Page) * cap); }
          Page *q = &p[n];
          TIFFGetField(in, TIFFTAG_IMAGEWIDTH, &q->w);
          TIFFGetField(in, TIFFTAG_IMAGELENGTH, &q->h);
          if (!TIFFGetField(in, TIFFTAG_XRESOLUTION, &q->xr)) q->xr = 204;
          if (!TIFFGetField(in, TIFFTAG_YRESOLUTION, &q->yr)) q->yr = 196;
          q->size = TIFFScanlineSize(in) * (tmsize_t)q->h;
          if (q->size > maxsize) maxsize = q->size;
          q->data = malloc(q->size);
          tmsize_t off = 0;
          for (uint32_t s = 0; s < TIFFNumberOfStrips(in); s++) {
            tmsize_t got = TIFFReadEncodedStrip(in, s, q->data + off, q->size - off);
            if (got < 0) return 1;
            off += got;
          }
          n++;
        } while (TIFFReadDirectory(in));
        TIFFClose(in);
        const char *names[] = {"MH", "MR", "MMR"};
        unsigned char *buf = malloc(maxsize);
        for (int c = 0; c < 3; c++) {
          double *te = malloc(sizeof(double) * reps), *td = malloc(sizeof(double) * reps);
          long bytes = 0, bad = 0;
          for (int r = 0; r < reps; r++) {
            double t0 = cpu();
            TIFF *out = TIFFOpen(argv[2], "w");
            for (int i = 0; i < n; i++) {
              TIFFSetField(out, TIFFTAG_IMAGEWIDTH, p[i].w);
              TIFFSetField(out, TIFFTAG_IMAGELENGTH, p[i].h);
              TIFFSetField(out, TIFFTAG_BITSPERSAMPLE, 1);
              TIFFSetField(out, TIFFTAG_SAMPLESPERPIXEL, 1);
              TIFFSetField(out, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISWHITE);
              TIFFSetField(out, TIFFTAG_FILLORDER, FILLORDER_MSB2LSB);
              TIFFSetField(out, TIFFTAG_ROWSPERSTRIP, p[i].h);
              TIFFSetField(out, TIFFTAG_XRESOLUTION, p[i].xr);
              TIFFSetField(out, TIFFTAG_YRESOLUTION, p[i].yr);
              TIFFSetField(out, TIFFTAG_RESOLUTIONUNIT, RESUNIT_INCH);
              TIFFSetField(out, TIFFTAG_COMPRESSION,
                           c == 2 ? COMPRESSION_CCITTFAX4 : COMPRESSION_CCITTFAX3);
              if (c < 2)
                TIFFSetField(out, TIFFTAG_GROUP3OPTIONS,
                             (c == 1 ? GROUP3OPT_2DENCODING : 0) | GROUP3OPT_FILLBITS);
              TIFFWriteEncodedStrip(out, 0, p[i].data, p[i].size);
              TIFFWriteDirectory(out);
            }
            TIFFClose(out);
            double t1 = cpu();
            TIFF *rd = TIFFOpen(argv[2], "r");
            int i = 0;
            bytes = 0;
            do {
              uint64_t *bc;
              TIFFGetField(rd, TIFFTAG_STRIPBYTECOUNTS, &bc);
              bytes += (long)bc[0];
              tmsize_t got = TIFFReadEncodedStrip(rd, 0, buf, p[i].size);
              if (got != p[i].size || memcmp(buf, p[i].data, p[i].size) != 0) bad++;
              i++;
            } while (TIFFReadDirectory(rd) && i < n);
            TIFFClose(rd);
            double t2 = cpu();
            te[r] = t1 - t0;
            td[r] = t2 - t1;
          }
          qsort(te, reps, sizeof(double), cmpd);
          qsort(td, reps, sizeof(double), cmpd);
          printf("CODEC %s pages=%d bytes=%ld encode_s=%.6f decode_s=%.6f mismatched=%ld\\n",
                 names[c], n, bytes, te[reps / 2], td[reps / 2], bad);
          free(te);
          free(td);
        }
        return 0;
      }
      """;

  /**
   * In-process libtiff timings of the uncompressed multi-page TIFF {@code none}, or an empty map
   * with the reason in {@code why} when gcc or libtiff-dev is missing.
   */
  public static Map<FaxCompression, Timing> inProcess(
      Path dir, Path none, int reps, StringBuilder why) throws IOException, InterruptedException {
    Map<FaxCompression, Timing> out = new EnumMap<>(FaxCompression.class);
    if (!Exec.onPath("gcc")) {
      why.append("gcc not found");
      return out;
    }
    Path src = dir.resolve("libtiff_codec_harness.c");
    Path bin = dir.resolve("libtiff_codec_harness");
    Files.writeString(src, HARNESS);
    Exec.Result cc =
        Exec.run(dir, 120, List.of("gcc", "-O2", "-o", bin.toString(), src.toString(), "-ltiff"));
    if (!cc.ok()) {
      why.append("gcc against libtiff failed (install libtiff-dev): ").append(cc.stderr().strip());
      return out;
    }
    Path scratch = dir.resolve("libtiff_scratch.tif");
    Exec.Result r =
        Exec.run(
            dir,
            1800,
            List.of(bin.toString(), none.toString(), scratch.toString(), Integer.toString(reps)));
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

  /** Whole tiffcp processes: wall time, median of {@code reps}. */
  public static Map<FaxCompression, Timing> tiffcp(Path dir, Path none, int reps)
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
        Exec.Result e =
            Exec.run(
                dir,
                600,
                List.of(
                    "tiffcp",
                    "-c",
                    codec.get(c),
                    "-r",
                    "100000",
                    none.toString(),
                    coded.toString()));
        Exec.Result d =
            Exec.run(
                dir,
                600,
                List.of("tiffcp", "-c", "none", "-r", "100000", coded.toString(), back.toString()));
        if (!e.ok() || !d.ok()) {
          throw new IOException("tiffcp failed: " + e.stderr() + d.stderr());
        }
        enc[i] = e.wallNanos() / 1e9;
        dec[i] = d.wallNanos() / 1e9;
      }
      out.put(c, new Timing(median(enc), median(dec), Files.size(coded), "whole process"));
    }
    return out;
  }

  public static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
