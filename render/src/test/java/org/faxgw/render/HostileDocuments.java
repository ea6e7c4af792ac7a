package org.faxgw.render;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/** Documents made to hurt a renderer, written by the tests themselves (also the gateway's). */
public final class HostileDocuments {
  private HostileDocuments() {}

  /** PostScript that never ends. */
  public static Path endlessLoop(Path dir) throws IOException {
    return Files.writeString(dir.resolve("loop.ps"), "%!PS-Adobe-3.0\n{} loop\nshowpage\n");
  }

  /** PostScript that allocates 1 MB strings, keeping every one, without end. */
  public static Path endlessAllocation(Path dir) throws IOException {
    return Files.writeString(
        dir.resolve("alloc.ps"),
        "%!PS-Adobe-3.0\n/keep 0 def\n{ /keep [ keep 1048576 string ] def } loop\nshowpage\n");
  }

  /**
   * A one-page PDF whose page draws a 7000 x 7000 CMYK image at 16 bits per component: under the
   * pixel limit (49 MP), but 392 MB of samples, which PDFBox decodes and converts in memory: more
   * than a 512 MB heap holds. The samples are zeros, so the file is small.
   */
  public static Path heapExhaustingPdf(Path dir) throws IOException {
    int side = 7000;
    long raw = (long) side * side * 4 * 2;
    byte[] image = deflatedZeros(raw);
    String content = "q 595 0 0 842 0 0 cm /Im0 Do Q\n";
    return pdf(
        dir.resolve("heap.pdf"),
        List.of(
            dict("/Type /Catalog /Pages 2 0 R"),
            dict("/Type /Pages /Kids [3 0 R] /Count 1"),
            dict(
                "/Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject <<"
                    + " /Im0 5 0 R >> >> /Contents 4 0 R"),
            stream("", content.getBytes(StandardCharsets.US_ASCII)),
            stream(
                "/Type /XObject /Subtype /Image /Width "
                    + side
                    + " /Height "
                    + side
                    + " /ColorSpace /DeviceCMYK /BitsPerComponent 16 /Filter /FlateDecode",
                image)));
  }

  /**
   * A decompression bomb: a one-page PDF whose content stream is a few MB of Flate that inflates to
   * 2 GB of path operators.
   */
  public static Path decompressionBomb(Path dir) throws IOException {
    byte[] unit = "0 0 m 1 1 l ".repeat(1000).getBytes(StandardCharsets.US_ASCII);
    long total = 2L << 30;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    Deflater d = new Deflater(Deflater.BEST_COMPRESSION);
    try (OutputStream z = new DeflaterOutputStream(buf, d, 1 << 16)) {
      for (long n = 0; n < total; n += unit.length) {
        z.write(unit);
      }
      z.write(" S\n".getBytes(StandardCharsets.US_ASCII));
    } finally {
      d.end();
    }
    return pdf(
        dir.resolve("bomb.pdf"),
        List.of(
            dict("/Type /Catalog /Pages 2 0 R"),
            dict("/Type /Pages /Kids [3 0 R] /Count 1"),
            dict("/Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"),
            stream("/Filter /FlateDecode", buf.toByteArray())));
  }

  private static byte[] deflatedZeros(long n) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    byte[] zeros = new byte[1 << 20];
    Deflater d = new Deflater(Deflater.BEST_COMPRESSION);
    try (OutputStream z = new DeflaterOutputStream(buf, d, 1 << 16)) {
      for (long done = 0; done < n; done += zeros.length) {
        z.write(zeros, 0, (int) Math.min(zeros.length, n - done));
      }
    } finally {
      d.end();
    }
    return buf.toByteArray();
  }

  private static byte[] dict(String body) {
    return ("<< " + body + " >>").getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] stream(String dict, byte[] data) throws IOException {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.write(
        ("<< " + dict + " /Length " + data.length + " >>\nstream\n")
            .getBytes(StandardCharsets.US_ASCII));
    o.write(data);
    o.write("\nendstream".getBytes(StandardCharsets.US_ASCII));
    return o.toByteArray();
  }

  /** A PDF of the given objects (numbered from 1, the first the catalog) with a correct xref. */
  public static Path pdf(Path file, List<byte[]> objects) throws IOException {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.write("%PDF-1.4\n%\u00e2\u00e3\n".getBytes(StandardCharsets.ISO_8859_1));
    List<Integer> offsets = new ArrayList<>();
    for (int i = 0; i < objects.size(); i++) {
      offsets.add(o.size());
      o.write(((i + 1) + " 0 obj\n").getBytes(StandardCharsets.US_ASCII));
      o.write(objects.get(i));
      o.write("\nendobj\n".getBytes(StandardCharsets.US_ASCII));
    }
    int xref = o.size();
    StringBuilder sb =
        new StringBuilder("xref\n0 " + (objects.size() + 1) + "\n0000000000 65535 f \n");
    for (int off : offsets) {
      sb.append(String.format("%010d 00000 n \n", off));
    }
    sb.append("trailer\n<< /Size ")
        .append(objects.size() + 1)
        .append(" /Root 1 0 R >>\nstartxref\n")
        .append(xref)
        .append("\n%%EOF\n");
    o.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
    Files.write(file, o.toByteArray());
    return file;
  }

  /**
   * A PDF with a broken trailer (a key without a value after {@code /Root}): PDFBox refuses it
   * ("Missing root object specification in trailer"), Ghostscript repairs it.
   */
  public static Path brokenTrailer(Path goodPdf, Path out) throws IOException {
    String s = Files.readString(goodPdf, StandardCharsets.ISO_8859_1);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("/Root (\\d+) 0 R").matcher(s);
    if (!m.find()) {
      throw new IOException("no /Root in " + goodPdf);
    }
    String broken = s.substring(0, m.end()) + " /Root" + s.substring(m.end());
    Files.writeString(out, broken, StandardCharsets.ISO_8859_1);
    return out;
  }
}
