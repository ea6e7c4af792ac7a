package org.faxgw.gateway.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.faxgw.testkit.ExternalTool;

/** Runs the reference tools (swaks, pdfinfo, tiffinfo, groff, ps2pdf, keytool) and bin/faxgw. */
final class Tools {
  private Tools() {}

  /** Result of one external command. */
  record Run(int exit, String out) {}

  static Path root() {
    return Path.of(System.getProperty("faxgw.root", "..")).toAbsolutePath().normalize();
  }

  static Run run(List<String> cmd, Map<String, String> env, Path dir, long timeoutSeconds)
      throws IOException, InterruptedException {
    ExternalTool.Result r = ExternalTool.run(dir, env, timeoutSeconds, cmd);
    return new Run(r.exit(), r.output());
  }

  static Run run(String... cmd) throws IOException, InterruptedException {
    return run(List.of(cmd), Map.of(), null, 120);
  }

  /** bin/faxgw with the given arguments (the real command line, a separate JVM). */
  static Run faxgw(Path dir, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(root().resolve("bin/faxgw").toString());
    cmd.addAll(List.of(args));
    return run(cmd, Map.of(), dir, 120);
  }

  /** A PDF of {@code pages} pages made with groff and ps2pdf. */
  static Path pdf(Path dir, String name, int pages) throws Exception {
    StringBuilder roff = new StringBuilder();
    for (int i = 1; i <= pages; i++) {
      if (i > 1) {
        roff.append(".bp\n");
      }
      roff.append("This is page ").append(i).append(" of a test document for faxgw.\n");
    }
    Path ms = dir.resolve(name + ".roff");
    Files.writeString(ms, roff);
    Path ps = dir.resolve(name + ".ps");
    Run g = run(List.of("sh", "-c", "groff -Tps '" + ms + "' > '" + ps + "'"), Map.of(), dir, 60);
    assertThat(g.exit()).as("groff: %s", g.out()).isZero();
    Path pdf = dir.resolve(name);
    Run p = run("ps2pdf", ps.toString(), pdf.toString());
    assertThat(p.exit()).as("ps2pdf: %s", p.out()).isZero();
    return pdf;
  }

  /** Pages of a PDF as pdfinfo counts them. */
  static int pdfinfoPages(Path pdf) throws Exception {
    Run r = run("pdfinfo", pdf.toString());
    assertThat(r.exit()).as("pdfinfo: %s", r.out()).isZero();
    for (String line : r.out().split("\n")) {
      if (line.startsWith("Pages:")) {
        return Integer.parseInt(line.substring(6).trim());
      }
    }
    throw new AssertionError("pdfinfo printed no page count: " + r.out());
  }

  /** Pages (directories) of a TIFF as tiffinfo reads them; fails when tiffinfo complains. */
  static int tiffinfoPages(Path tiff) throws Exception {
    Run r = run("tiffinfo", "-D", tiff.toString());
    assertThat(r.exit()).as("tiffinfo: %s", r.out()).isZero();
    assertThat(r.out()).doesNotContainIgnoringCase("error");
    int n = 0;
    for (String line : r.out().split("\n")) {
      if (line.startsWith("TIFF Directory at offset")) {
        n++;
      }
    }
    return n;
  }
}
