package org.faxgw.smtp.mime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTextTest {
  @Test
  void blocksBecomeLinesAndEntitiesAreDecoded() {
    String html =
        "<html><head><title>x</title><style>p{}</style></head><body><p>Hello&nbsp;<b>W&ouml;rld</b></p>"
            + "<ul><li>one</li><li>two &amp; three</li></ul><script>alert(1)</script>a&#233;&#x263A;<br>end</body></html>";
    assertThat(HtmlText.toText(html)).isEqualTo("Hello Wörld\n* one\n* two & three\naé☺\nend");
  }
}
