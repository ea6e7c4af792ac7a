package org.faxgw.render.received;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceGray;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.BitOrder;
import org.faxgw.t4.FaxCompression;
import org.faxgw.t4.T4EncodeOptions;
import org.faxgw.t4.T4Encoder;

/**
 * Writes received fax pages as a PDF. Each page is T.6-coded (MMR, MSB first, with EOFB) and
 * embedded as an image XObject with {@code /Filter /CCITTFaxDecode} and {@code /DecodeParms << /K
 * -1 /Columns w /Rows h >>} (ISO 32000-1 Table 11; BlackIs1 false: a coded black pel decodes to 0,
 * which DeviceGray paints black), drawn over the whole page. Lossless: decoding the stream gives
 * the page's pixels back.
 *
 * <p>Not thread-safe (it reuses one encoder); make one per thread.
 */
public final class ReceivedPdfWriter {
  /** PDF user space unit: 1/72 inch (ISO 32000-1 8.3.2.3). */
  private static final float POINTS_PER_INCH = 72f;

  // T.6 coding for CCITTFaxDecode: no EOLs, EOFB at the end (T.6 2.4), first bit in the MSB.
  private static final T4EncodeOptions T6 =
      new T4EncodeOptions(FaxCompression.MMR, 0, 0, false, true, BitOrder.MSB_FIRST);

  private final T4Encoder encoder = new T4Encoder();

  /** Document metadata: title and creation time. */
  public record Info(String title, Calendar created) {
    public static Info untitled() {
      return new Info(null, null);
    }
  }

  /** The PDF as bytes. */
  public byte[] write(List<BilevelPage> pages, Info info) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    try {
      write(pages, info, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Writes the PDF to {@code out}. */
  public void write(List<BilevelPage> pages, Info info, OutputStream out) throws IOException {
    if (pages.isEmpty()) {
      throw new IllegalArgumentException("a PDF needs at least one page");
    }
    try (PDDocument doc = new PDDocument()) {
      PDDocumentInformation di = doc.getDocumentInformation();
      di.setProducer("faxgw");
      if (info.title() != null) {
        di.setTitle(info.title());
      }
      Calendar created =
          info.created() != null
              ? info.created()
              : new GregorianCalendar(TimeZone.getTimeZone("UTC"));
      di.setCreationDate(created);
      for (BilevelPage p : pages) {
        addPage(doc, p);
      }
      doc.save(out);
    }
  }

  private void addPage(PDDocument doc, BilevelPage p) throws IOException {
    float w = p.width() * POINTS_PER_INCH / p.resolution().xDpi();
    float h = p.height() * POINTS_PER_INCH / p.resolution().yDpi();
    PDPage page = new PDPage(new PDRectangle(w, h));
    doc.addPage(page);
    if (p.height() == 0) {
      return;
    }
    byte[] g4 = encoder.encodeRows(p, 0, p.height(), T6);
    PDImageXObject img =
        new PDImageXObject(
            doc,
            new ByteArrayInputStream(g4),
            COSName.CCITTFAX_DECODE,
            p.width(),
            p.height(),
            1,
            PDDeviceGray.INSTANCE);
    COSDictionary parms = new COSDictionary();
    parms.setInt(COSName.K, -1);
    parms.setInt(COSName.COLUMNS, p.width());
    parms.setInt(COSName.ROWS, p.height());
    img.getCOSObject().setItem(COSName.DECODE_PARMS, parms);
    try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
      cs.drawImage(img, 0, 0, w, h);
    }
  }
}
