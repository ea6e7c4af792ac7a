package org.faxgw.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.Resolution;
import org.junit.jupiter.api.Test;

class TextRendererTest {
  private final FaxRenderer renderer = new FaxRenderer();

  @Test
  void wrapsAtSpacesThenHard() {
    String line = "word ".repeat(30).strip(); // 149 columns
    List<String> w = TextRenderer.wrap(line);
    assertThat(w).allSatisfy(s -> assertThat(s.length()).isLessThanOrEqualTo(80));
    assertThat(String.join(" ", w)).isEqualTo(line);
    List<String> hard = TextRenderer.wrap("x".repeat(170));
    assertThat(hard).extracting(String::length).containsExactly(80, 80, 10);
  }

  @Test
  void expandsTabsAndDropsControls() {
    assertThat(TextRenderer.expand("a\tb\u0007c")).isEqualTo("a       bc");
  }

  @Test
  void paginatesByLinesAndFormFeeds() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 130; i++) {
      sb.append("line ").append(i).append('\n');
    }
    assertThat(TextRenderer.paginate(sb.toString(), 63))
        .extracting(List::size)
        .containsExactly(63, 63, 4);
    assertThat(TextRenderer.paginate("a\fb\n", 63)).hasSize(2);
    assertThat(TextRenderer.paginate("a\f\nb", 63)).hasSize(2);
  }

  @Test
  void linesPerPage() {
    assertThat(TextRenderer.linesPerPage(RenderOptions.defaults())).isEqualTo(64);
    assertThat(TextRenderer.linesPerPage(RenderOptions.defaults().withPageSize(PageSize.LETTER)))
        .isEqualTo(60);
  }

  @Test
  void textRendersFaxPagesOfThePageSize() throws Exception {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 150; i++) {
      sb.append("Line ").append(i).append(": the quick brown fox jumps over the lazy dog.\n");
    }
    List<BilevelPage> a4 = renderer.renderText(sb.toString(), RenderOptions.defaults());
    assertThat(a4).hasSize(3);
    assertThat(a4)
        .allSatisfy(
            p -> {
              assertThat(p.width()).isEqualTo(1728);
              assertThat(p.height()).isEqualTo(2292);
              assertThat(p.resolution()).isEqualTo(Resolution.FINE);
            });
    // text sits inside the margins: nothing in the top 0.4 in, something in the first lines
    BilevelPage first = a4.get(0);
    assertThat(Pages.ink(first, 0, 0, 1728, 70)).isZero();
    assertThat(Pages.ink(first, 0, 100, 1728, 200)).isGreaterThan(0.01);
    List<BilevelPage> letter =
        renderer.renderText(
            sb.toString(),
            RenderOptions.defaults()
                .withPageSize(PageSize.LETTER)
                .withResolution(Resolution.NORMAL));
    assertThat(letter).hasSize(3).allSatisfy(p -> assertThat(p.height()).isEqualTo(1078));
  }

  @Test
  void declaredCharsetDecodesLatin1AndUtf8IsDetected() throws Exception {
    String s = "Grüße aus Köln, ça va?\n";
    BilevelPage latin1 =
        renderer
            .render(
                s.getBytes(StandardCharsets.ISO_8859_1),
                "text/plain; charset=ISO-8859-1",
                RenderOptions.defaults())
            .get(0);
    BilevelPage utf8 =
        renderer
            .render(s.getBytes(StandardCharsets.UTF_8), "text/plain", RenderOptions.defaults())
            .get(0);
    BilevelPage fromString = renderer.renderText(s, RenderOptions.defaults()).get(0);
    assertThat(latin1).isEqualTo(fromString);
    assertThat(utf8).isEqualTo(fromString);
    // the same Latin-1 bytes read as UTF-8 would be wrong: here they fall back to Windows-1252
    BilevelPage undeclared =
        renderer
            .render(s.getBytes(StandardCharsets.ISO_8859_1), null, RenderOptions.defaults())
            .get(0);
    assertThat(undeclared).isEqualTo(fromString);
  }

  /**
   * Cyrillic and Greek letters render real glyphs: each letter's bitmap has ink, differs from every
   * other letter's, and differs from the font's .notdef box (drawn for a code point the font
   * lacks).
   */
  @Test
  void cyrillicAndGreekRenderRealGlyphs() throws Exception {
    String letters = "ПриветЖЯΩβγλ";
    String missing = "\u0378"; // an unassigned code point: no font has it, .notdef is drawn
    List<BilevelPage> glyphs = new ArrayList<>();
    for (int i = 0; i < letters.length(); i++) {
      glyphs.add(renderer.renderText(letters.substring(i, i + 1), RenderOptions.defaults()).get(0));
    }
    BilevelPage notdef = renderer.renderText(missing, RenderOptions.defaults()).get(0);
    assertThat(notdef.blackPixels()).as(".notdef box has ink").isGreaterThan(0);
    for (int i = 0; i < glyphs.size(); i++) {
      assertThat(glyphs.get(i).blackPixels()).as("ink of %c", letters.charAt(i)).isGreaterThan(50);
      assertThat(glyphs.get(i))
          .as("%c is not the .notdef box", letters.charAt(i))
          .isNotEqualTo(notdef);
      for (int j = 0; j < i; j++) {
        assertThat(glyphs.get(i))
            .as("%c differs from %c", letters.charAt(i), letters.charAt(j))
            .isNotEqualTo(glyphs.get(j));
      }
    }
    BilevelPage hello = renderer.renderText("Привет, κόσμε", RenderOptions.defaults()).get(0);
    assertThat(hello.blackPixels()).isGreaterThan(500);
  }

  @Test
  void emptyTextIsRefused() {
    assertThatThrownBy(() -> renderer.renderText(" \n", RenderOptions.defaults()))
        .isInstanceOf(RenderException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void tooManyPagesIsRefused() {
    String text = "x\n".repeat(64 * 3 + 1);
    assertThatThrownBy(() -> renderer.renderText(text, RenderOptions.defaults().withMaxPages(3)))
        .isInstanceOf(RenderException.class)
        .hasMessageContaining("at most 3");
  }
}
