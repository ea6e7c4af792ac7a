package org.faxgw.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.faxgw.t4.BilevelPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad documents end in a clear {@link RenderException} within the time limit, in a 256 MB heap
 * (this module's Surefire runs with -Xmx256m).
 */
class BadInputTest {
  @TempDir Path dir;

  private final FaxRenderer renderer = new FaxRenderer();

  /** Fails unless rendering throws within limit + 15 s (a coarse bound against hangs). */
  private RenderException refused(RenderOptions o, ThrowingRender r) {
    long maxMillis = o.timeLimit().toMillis() + 15_000;
    RenderException e =
        assertTimeoutPreemptively(
            Duration.ofMillis(maxMillis),
            () -> catchThrowableOfType(RenderException.class, r::run));
    assertThat(e).as("a RenderException").isNotNull();
    assertThat(e.getMessage()).doesNotContain("\n");
    return e;
  }

  interface ThrowingRender {
    void run() throws Exception;
  }

  static byte[] onePagePdf(PDRectangle size) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage(size);
      doc.addPage(page);
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        cs.addRect(10, 10, 100, 100);
        cs.fill();
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    }
  }

  @Test
  void encryptedPdf() throws Exception {
    byte[] pdf;
    try (PDDocument doc = new PDDocument()) {
      doc.addPage(new PDPage(PDRectangle.A4));
      StandardProtectionPolicy p =
          new StandardProtectionPolicy("owner-secret", "user-secret", new AccessPermission());
      p.setEncryptionKeyLength(128);
      doc.protect(p);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      pdf = out.toByteArray();
    }
    byte[] bytes = pdf;
    RenderException e =
        refused(
            RenderOptions.defaults(),
            () -> renderer.render(bytes, "application/pdf", RenderOptions.defaults()));
    assertThat(e.reason()).isEqualTo(RenderException.Reason.ENCRYPTED);
    assertThat(e.getMessage()).isEqualTo("encrypted PDF: remove the password and send again");
  }

  @Test
  void pdfWithOwnerPasswordOnlyStillRenders() throws Exception {
    byte[] pdf;
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        cs.addRect(100, 400, 300, 300);
        cs.fill();
      }
      doc.protect(new StandardProtectionPolicy("owner-secret", "", new AccessPermission()));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      pdf = out.toByteArray();
    }
    List<BilevelPage> pages = renderer.render(pdf, null, RenderOptions.defaults());
    assertThat(pages).hasSize(1);
    assertThat(pages.get(0).blackPixels()).isGreaterThan(100_000);
  }

  @Test
  void truncatedPdf() throws Exception {
    Path pdf = Tools.groffPdf(dir, "doc", "a4", 12);
    byte[] all = Files.readAllBytes(pdf);
    byte[] half = Arrays.copyOf(all, all.length * 6 / 10);
    RenderException e =
        refused(
            RenderOptions.defaults(),
            () -> renderer.render(half, "application/pdf", RenderOptions.defaults()));
    assertThat(e.reason()).isEqualTo(RenderException.Reason.DAMAGED);
    assertThat(e.getMessage()).contains("truncated PDF");
  }

  @Test
  void pdfPageHundredMetresWide() throws Exception {
    // 100 m = 283465 pt
    byte[] pdf = onePagePdf(new PDRectangle(283_465f, 842f));
    RenderException e =
        refused(
            RenderOptions.defaults(), () -> renderer.render(pdf, null, RenderOptions.defaults()));
    assertThat(e.reason()).isEqualTo(RenderException.Reason.TOO_LARGE);
    assertThat(e.getMessage()).contains("100000 x 297 mm");
  }

  @Test
  void pdfWithHugeImage() throws Exception {
    byte[] pdf;
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      // an image XObject declaring 100000 x 100000 grey pixels over a few bytes of data
      COSStream s = doc.getDocument().createCOSStream();
      try (OutputStream os = s.createOutputStream(COSName.FLATE_DECODE)) {
        os.write(new byte[1000]);
      }
      s.setItem(COSName.TYPE, COSName.XOBJECT);
      s.setItem(COSName.SUBTYPE, COSName.IMAGE);
      s.setInt(COSName.WIDTH, 100_000);
      s.setInt(COSName.HEIGHT, 100_000);
      s.setInt(COSName.BITS_PER_COMPONENT, 8);
      s.setItem(COSName.COLORSPACE, COSName.DEVICEGRAY);
      PDImageXObject img =
          new PDImageXObject(new org.apache.pdfbox.pdmodel.common.PDStream(s), null);
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        cs.drawImage(img, 50, 50, 400, 400);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      pdf = out.toByteArray();
    }
    byte[] bytes = pdf;
    RenderException e =
        refused(
            RenderOptions.defaults(), () -> renderer.render(bytes, null, RenderOptions.defaults()));
    assertThat(e.reason()).isEqualTo(RenderException.Reason.TOO_LARGE);
    assertThat(e.getMessage()).contains("100000 x 100000");
  }

  /** A PNG whose IHDR declares 100000 x 100000 pixels (valid CRCs), with a token IDAT. */
  static byte[] hugePng() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DataOutputStream d = new DataOutputStream(out);
    d.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
    ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
    DataOutputStream h = new DataOutputStream(ihdr);
    h.writeInt(100_000); // width
    h.writeInt(100_000); // height
    h.writeByte(8); // bit depth
    h.writeByte(0); // colour type: greyscale
    h.writeByte(0); // compression
    h.writeByte(0); // filter
    h.writeByte(0); // interlace
    chunk(d, "IHDR", ihdr.toByteArray());
    ByteArrayOutputStream idat = new ByteArrayOutputStream();
    try (DeflaterOutputStream z = new DeflaterOutputStream(idat, new Deflater(9))) {
      z.write(new byte[100_001 * 10]); // ten rows of white-ish zeros
    }
    chunk(d, "IDAT", idat.toByteArray());
    chunk(d, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(DataOutputStream d, String type, byte[] data) throws IOException {
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    d.writeInt(data.length);
    d.write(t);
    d.write(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    d.writeInt((int) crc.getValue());
  }

  @Test
  void pngDeclaringTenGigapixels() throws Exception {
    byte[] png = hugePng();
    RenderException e =
        refused(
            RenderOptions.defaults(),
            () -> renderer.render(png, "image/png", RenderOptions.defaults()));
    assertThat(e.reason()).isEqualTo(RenderException.Reason.TOO_LARGE);
    assertThat(e.getMessage()).contains("100000 x 100000");
  }

  @Test
  void postScriptThatLoopsForever() throws Exception {
    RenderOptions o = RenderOptions.defaults().withTimeLimit(Duration.ofSeconds(3));
    byte[] ps = "%!PS-Adobe-3.0\n{} loop\nshowpage\n".getBytes(StandardCharsets.US_ASCII);
    RenderException e = refused(o, () -> renderer.render(ps, "application/postscript", o));
    assertThat(e.reason()).isEqualTo(RenderException.Reason.TIME_LIMIT);
    assertThat(e.getMessage()).isEqualTo("render time limit 3 s exceeded");
  }

  @Test
  void postScriptWithAnError() throws Exception {
    byte[] ps = "%!PS\n/foo nosuchoperator\nshowpage\n".getBytes(StandardCharsets.US_ASCII);
    RenderException e =
        refused(
            RenderOptions.defaults(), () -> renderer.render(ps, null, RenderOptions.defaults()));
    assertThat(e.reason()).isEqualTo(RenderException.Reason.DAMAGED);
    assertThat(e.getMessage()).startsWith("PostScript error:").contains("undefined");
  }

  @Test
  void missingGhostscriptIsNamed() throws Exception {
    String old = System.getProperty(PostScriptRenderer.GS_PROPERTY);
    System.setProperty(PostScriptRenderer.GS_PROPERTY, dir.resolve("no-such-gs").toString());
    try {
      byte[] ps = "%!PS\nshowpage\n".getBytes(StandardCharsets.US_ASCII);
      RenderException e =
          refused(
              RenderOptions.defaults(), () -> renderer.render(ps, null, RenderOptions.defaults()));
      assertThat(e.reason()).isEqualTo(RenderException.Reason.TOOL);
      assertThat(e.getMessage()).contains("Ghostscript").contains("ghostscript");
    } finally {
      if (old == null) {
        System.clearProperty(PostScriptRenderer.GS_PROPERTY);
      } else {
        System.setProperty(PostScriptRenderer.GS_PROPERTY, old);
      }
    }
  }

  @Test
  void emptyFile() throws Exception {
    Path empty = Files.createFile(dir.resolve("empty.pdf"));
    RenderException e =
        refused(
            RenderOptions.defaults(),
            () -> renderer.render(empty, "application/pdf", RenderOptions.defaults()));
    assertThat(e.reason()).isEqualTo(RenderException.Reason.EMPTY);
    assertThat(e.getMessage()).isEqualTo("empty document: nothing to fax");
  }

  @Test
  void pngBytesNamedPdfRenderAsThePngTheyAre() throws Exception {
    Path lying = dir.resolve("invoice.pdf");
    Files.write(
        lying,
        ImageFormatsTest.encode(
            ImageFormatsTest.testImage(java.awt.image.BufferedImage.TYPE_BYTE_GRAY), "png"));
    assertThat(FaxRenderer.detect(lying, "application/pdf")).isEqualTo(DocumentType.PNG);
    List<BilevelPage> pages = renderer.render(lying, "application/pdf", RenderOptions.defaults());
    assertThat(pages).hasSize(1);
    ImageFormatsTest.assertTestImage(pages.get(0));
  }

  @Test
  void binaryDeclaredPdfIsRefused() throws Exception {
    byte[] junk = new byte[4096];
    new java.util.Random(7).nextBytes(junk);
    junk[0] = 0; // not text, no known signature
    junk[1] = 1;
    RenderException e =
        refused(
            RenderOptions.defaults(),
            () -> renderer.render(junk, "application/pdf", RenderOptions.defaults()));
    assertThat(e.reason()).isEqualTo(RenderException.Reason.UNSUPPORTED);
    assertThat(e.getMessage()).contains("declared as application/pdf is not one");
  }

  @Test
  void tooManyPdfPages() throws Exception {
    Path pdf = Tools.groffPdf(dir, "doc", "a4", 24);
    RenderOptions o = RenderOptions.defaults().withMaxPages(2);
    RenderException e = refused(o, () -> renderer.render(pdf, null, o));
    assertThat(e.reason()).isEqualTo(RenderException.Reason.TOO_LARGE);
    assertThat(e.getMessage()).contains("at most 2");
  }

  @Test
  void pdfTimeLimitStopsRendering() throws Exception {
    // many pages of text and a time limit far too short for them
    Path pdf = Tools.groffPdf(dir, "long", "a4", 200);
    RenderOptions o = RenderOptions.defaults().withTimeLimit(Duration.ofMillis(50));
    RenderException e = refused(o, () -> renderer.render(pdf, null, o));
    assertThat(e.reason()).isEqualTo(RenderException.Reason.TIME_LIMIT);
    assertThat(e.getMessage()).isEqualTo("render time limit 50 ms exceeded");
  }
}
