package org.faxgw.gateway.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/faxgw render} end to end, its output checked by libtiff's tiffinfo. */
class RenderCommandIT {
  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  static Path root() {
    String r = System.getProperty("faxgw.root");
    assertThat(r).as("system property faxgw.root").isNotNull();
    return Path.of(r);
  }

  Run run(String... cmd) throws IOException, InterruptedException {
    Path out = dir.resolve("stdout-" + System.nanoTime());
    Path err = dir.resolve("stderr-" + System.nanoTime());
    Process p;
    try {
      p =
          new ProcessBuilder(cmd)
              .directory(dir.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
    } catch (IOException e) {
      fail(cmd[0] + " is not installed (bin/install-test-deps): " + e.getMessage());
      throw e;
    }
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail(String.join(" ", cmd) + " did not finish in 300 s");
    }
    return new Run(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private Path textPdf(String paper) throws Exception {
    StringBuilder ms = new StringBuilder(".TL\nEnd to end\n");
    for (int p = 0; p < 20; p++) {
      ms.append(".PP\n");
      ms.append("The gateway renders this paragraph to fax pages and writes a TIFF. ".repeat(8));
      ms.append('\n');
    }
    Path src = dir.resolve("doc.ms");
    Files.writeString(src, ms);
    Run groff = run("groff", "-ms", "-Tps", "-dpaper=" + paper, "-P-p" + paper, src.toString());
    assertThat(groff.exit()).as(groff.err()).isZero();
    Path ps = dir.resolve("doc.ps");
    Files.writeString(ps, groff.out(), StandardCharsets.ISO_8859_1);
    Path pdf = dir.resolve("doc.pdf");
    Run ps2pdf = run("ps2pdf", "-sPAPERSIZE=" + paper, ps.toString(), pdf.toString());
    assertThat(ps2pdf.exit()).as(ps2pdf.err()).isZero();
    return pdf;
  }

  @Test
  void rendersAPdfThatTiffinfoAccepts() throws Exception {
    Path pdf = textPdf("a4");
    Path out = dir.resolve("fax.tif");
    String faxgw = root().resolve("bin/faxgw").toString();
    Run r = run(faxgw, "render", pdf.toString(), "-o", out.toString(), "--compression", "mr");
    assertThat(r.exit()).as("stdout %s stderr %s", r.out(), r.err()).isZero();
    assertThat(r.out()).contains("doc.pdf: ").contains("PDF").contains("fax.tif: ");

    Run info = run("tiffinfo", out.toString());
    assertThat(info.exit()).as(info.err()).isZero();
    assertThat(info.err()).doesNotContainIgnoringCase("error");
    List<String> widths = all(info.out(), "Image Width: (\\d+) Image Length: (\\d+)");
    assertThat(widths).isNotEmpty().allSatisfy(w -> assertThat(w).isEqualTo("1728 2292"));
    assertThat(info.out()).contains("CCITT Group 3");
    Matcher pages = Pattern.compile("(\\d+) pages").matcher(r.out());
    assertThat(pages.find()).isTrue();
    assertThat(widths).hasSize(Integer.parseInt(pages.group(1)));
  }

  @Test
  void badFileExitsNonZeroWithOneLineReason() throws Exception {
    Path pdf = textPdf("letter");
    byte[] all = Files.readAllBytes(pdf);
    Path cut = dir.resolve("cut.pdf");
    Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
    Path out = dir.resolve("fax.tif");
    Run r =
        run(root().resolve("bin/faxgw").toString(), "render", cut.toString(), "-o", out.toString());
    assertThat(r.exit()).isNotZero();
    assertThat(r.err().strip())
        .doesNotContain("\n")
        .isEqualTo(
            "faxgw render: cut.pdf: truncated PDF (no %%EOF at its end): send the complete file again");
    assertThat(out).doesNotExist();
  }

  private static List<String> all(String text, String regex) {
    List<String> found = new ArrayList<>();
    Matcher m = Pattern.compile(regex).matcher(text);
    while (m.find()) {
      found.add(m.group(1) + " " + m.group(2));
    }
    return found;
  }
}
