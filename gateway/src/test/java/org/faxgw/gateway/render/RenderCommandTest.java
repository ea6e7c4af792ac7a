package org.faxgw.gateway.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.faxgw.gateway.Main;
import org.faxgw.render.FaxRenderer;
import org.faxgw.render.PageSize;
import org.faxgw.render.RenderOptions;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.FaxTiffReader;
import org.faxgw.t4.Resolution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code faxgw render} in process: the TIFF it writes holds exactly the rendered pages. */
class RenderCommandTest {
  @TempDir Path dir;

  record Result(int exit, String out, String err) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  private Path png() throws Exception {
    BufferedImage img = new BufferedImage(600, 800, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 600, 800);
    g.setColor(Color.BLACK);
    g.fillOval(100, 100, 400, 400);
    g.dispose();
    Path p = dir.resolve("circle.png");
    ImageIO.write(img, "png", p.toFile());
    return p;
  }

  @Test
  void writesEveryPageOfEveryInputInOrder() throws Exception {
    Path png = png();
    Path txt = dir.resolve("note.txt");
    Files.writeString(txt, "Привет from the fax gateway\n".repeat(100), StandardCharsets.UTF_8);
    Path out = dir.resolve("out.tif");
    for (String comp : List.of("mh", "mr", "mmr")) {
      Result r =
          run(
              "render",
              png.toString(),
              txt.toString(),
              "-o",
              out.toString(),
              "--compression",
              comp,
              "--resolution",
              "normal",
              "--page-size",
              "letter");
      assertThat(r.exit()).as(r.err()).isZero();
      assertThat(r.out())
          .contains("circle.png: 1 page, PNG")
          .contains("note.txt: 2 pages, TEXT")
          .contains("out.tif: 3 pages, " + comp.toUpperCase());
      List<BilevelPage> read = FaxTiffReader.read(Files.readAllBytes(out));
      RenderOptions o =
          RenderOptions.defaults().withResolution(Resolution.NORMAL).withPageSize(PageSize.LETTER);
      FaxRenderer renderer = new FaxRenderer();
      List<BilevelPage> expected = new ArrayList<>(renderer.render(png, null, o));
      expected.addAll(renderer.render(txt, null, o));
      assertThat(read).hasSize(3);
      for (int i = 0; i < 3; i++) {
        assertThat(read.get(i).width()).isEqualTo(1728);
        assertThat(read.get(i).height()).isEqualTo(1078);
        assertThat(read.get(i).blackPixels()).isEqualTo(expected.get(i).blackPixels());
        assertThat(read.get(i).rows()).isEqualTo(expected.get(i).rows());
      }
    }
  }

  @Test
  void badFileGivesOneLineReasonAndNoOutput() throws Exception {
    Path bad = dir.resolve("bad.pdf");
    Files.write(bad, new byte[] {0, 1, 2, 3, 4, 5, 6, 7});
    Path out = dir.resolve("out.tif");
    Result r = run("render", png().toString(), bad.toString(), "-o", out.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err().strip())
        .doesNotContain("\n")
        .startsWith("faxgw render: bad.pdf: unknown document format");
    assertThat(out).doesNotExist();
  }

  @Test
  void missingFileIsNamed() {
    Result r =
        run("render", dir.resolve("nope.pdf").toString(), "-o", dir.resolve("o.tif").toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err().strip()).isEqualTo("faxgw render: nope.pdf: no such file");
  }

  @Test
  void badOptionIsAUsageError() {
    Result r = run("render", "x.pdf", "-o", "o.tif", "--compression", "jbig");
    assertThat(r.exit()).isEqualTo(2);
  }
}
