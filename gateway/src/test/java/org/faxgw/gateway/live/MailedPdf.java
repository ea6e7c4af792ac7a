package org.faxgw.gateway.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.Resolution;

/**
 * The pages of the PDF in a fax mail, as the mail's reader gets them: the {@code application/pdf}
 * part is decoded from the message and poppler's {@code pdfimages} (poppler-utils) extracts each
 * page's image as it is stored, one PBM per page, which is read back bit for bit. Test support for
 * the live fax-to-email checks.
 */
final class MailedPdf {
  private MailedPdf() {}

  /** The bytes of the first {@code application/pdf} part of an RFC 5322 message (base64). */
  static byte[] pdfOf(String mail) {
    List<String> lines = mail.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines
          .get(i)
          .toLowerCase(java.util.Locale.ROOT)
          .startsWith("content-type: application/pdf")) {
        continue;
      }
      int j = i;
      while (j < lines.size() && !lines.get(j).isEmpty()) {
        j++;
      }
      StringBuilder b64 = new StringBuilder();
      for (j++; j < lines.size() && !lines.get(j).startsWith("--"); j++) {
        b64.append(lines.get(j).trim());
      }
      return Base64.getMimeDecoder().decode(b64.toString());
    }
    throw new IllegalStateException("no application/pdf part in the mail");
  }

  /**
   * The page images of {@code pdf}, extracted unchanged with {@code pdfimages} (no resampling) and
   * given {@code resolution}. PBM stores 1 for black, as {@link BilevelPage} does.
   */
  static List<BilevelPage> pages(byte[] pdf, Path scratch, Resolution resolution)
      throws IOException {
    Files.createDirectories(scratch);
    Path file = scratch.resolve("fax.pdf");
    Files.write(file, pdf);
    FaxLab.run(
        List.of("pdfimages", file.toString(), scratch.resolve("page").toString()),
        Duration.ofSeconds(60));
    List<Path> pbms;
    try (Stream<Path> s = Files.list(scratch)) {
      pbms = s.filter(p -> p.getFileName().toString().endsWith(".pbm")).sorted().toList();
    }
    List<BilevelPage> out = new ArrayList<>();
    for (Path p : pbms) {
      out.add(readPbm(Files.readAllBytes(p), resolution));
    }
    return out;
  }

  /** A raw ({@code P4}) PBM: header {@code P4 <w> <h>} then rows padded to whole bytes. */
  static BilevelPage readPbm(byte[] pbm, Resolution resolution) {
    int[] pos = {0};
    String magic = token(pbm, pos);
    if (!magic.equals("P4")) {
      throw new IllegalArgumentException("not a raw PBM: " + magic);
    }
    int w = Integer.parseInt(token(pbm, pos));
    int h = Integer.parseInt(token(pbm, pos));
    int start = pos[0] + 1; // one whitespace byte after the height
    int stride = BilevelPage.stride(w);
    if (start + (long) stride * h > pbm.length) {
      throw new IllegalArgumentException("short PBM");
    }
    return new BilevelPage(
        w, h, resolution, java.util.Arrays.copyOfRange(pbm, start, start + stride * h));
  }

  private static String token(byte[] b, int[] pos) {
    int i = pos[0];
    while (i < b.length && (Character.isWhitespace(b[i]) || b[i] == '#')) {
      if (b[i] == '#') {
        while (i < b.length && b[i] != '\n') {
          i++;
        }
      }
      i++;
    }
    int s = i;
    while (i < b.length && !Character.isWhitespace(b[i])) {
      i++;
    }
    pos[0] = i;
    return new String(b, s, i - s, StandardCharsets.US_ASCII);
  }
}
