package org.faxgw.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ContentSnifferTest {
  private static DocumentType detect(String head, String declared) throws RenderException {
    byte[] b = head.getBytes(StandardCharsets.ISO_8859_1);
    return ContentSniffer.detect(b, b.length, declared);
  }

  @Test
  void magicWinsOverTheDeclaredType() throws Exception {
    assertThat(detect("%PDF-1.7\n", "image/png")).isEqualTo(DocumentType.PDF);
    assertThat(detect("\u0089PNG\r\n\u001a\n....", "application/pdf")).isEqualTo(DocumentType.PNG);
    assertThat(detect("%!PS-Adobe-3.0\n", "text/plain")).isEqualTo(DocumentType.POSTSCRIPT);
    assertThat(detect("II*\u0000\u0008\u0000\u0000\u0000", null)).isEqualTo(DocumentType.TIFF);
    assertThat(detect("MM\u0000*\u0000\u0000\u0000\u0008", null)).isEqualTo(DocumentType.TIFF);
    assertThat(detect("\u00ff\u00d8\u00ff\u00e0", null)).isEqualTo(DocumentType.JPEG);
    assertThat(detect("GIF89a", null)).isEqualTo(DocumentType.GIF);
    assertThat(
            detect(
                "BM\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0036\u0000\u0000\u0000"
                    + "\u0028\u0000\u0000\u0000",
                null))
        .isEqualTo(DocumentType.BMP);
    // junk before the PDF header, as readers allow
    assertThat(detect("garbage\n%PDF-1.4\n", null)).isEqualTo(DocumentType.PDF);
  }

  @Test
  void textOnlyWithoutMagic() throws Exception {
    assertThat(detect("Hello\nworld\n", null)).isEqualTo(DocumentType.TEXT);
    assertThat(detect("Hello", "text/plain; charset=utf-8")).isEqualTo(DocumentType.TEXT);
    assertThat(detect("Hello", "application/octet-stream")).isEqualTo(DocumentType.TEXT);
    // BM followed by text is not a bitmap
    assertThat(detect("BMW drivers, please read", null)).isEqualTo(DocumentType.TEXT);
  }

  @Test
  void textDeclaredAsSomethingElseIsRefused() {
    assertThatThrownBy(() -> detect("just words", "application/pdf"))
        .isInstanceOf(RenderException.class)
        .hasMessageContaining("declared as application/pdf");
  }

  @Test
  void binaryWithoutMagicIsRefused() {
    assertThatThrownBy(() -> detect("\u0000\u0001\u0002\u0003", null))
        .isInstanceOf(RenderException.class)
        .hasMessageContaining("unknown document format");
  }

  @Test
  void emptyIsRefused() {
    assertThatThrownBy(() -> detect("", "application/pdf"))
        .isInstanceOf(RenderException.class)
        .hasMessage("empty document: nothing to fax");
  }

  @Test
  void charsetParameter() {
    assertThat(ContentSniffer.charsetParam("text/plain; charset=\"KOI8-R\"")).isEqualTo("KOI8-R");
    assertThat(ContentSniffer.charsetParam("text/plain;format=flowed; CHARSET=utf-8"))
        .isEqualTo("utf-8");
    assertThat(ContentSniffer.charsetParam("text/plain")).isNull();
    assertThat(ContentSniffer.baseType(" Text/Plain ; charset=x")).isEqualTo("text/plain");
  }
}
