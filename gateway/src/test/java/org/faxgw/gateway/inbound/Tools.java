package org.faxgw.gateway.inbound;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.faxgw.fixtures.RecordedCalls;
import org.faxgw.gateway.Main;
import org.faxgw.t4.BilevelPage;
import org.faxgw.testkit.ExternalTool;
import org.faxgw.testkit.Pixels;
import picocli.CommandLine;

/** Helpers for the fax-to-email tests: reference tools, fixtures, the command line. */
final class Tools {
  private Tools() {}

  record Run(int exit, String out, String err) {}

  /** Runs {@code faxgw ARGS} in this JVM and captures what it prints. */
  static Run faxgw(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        new CommandLine(new Main())
            .setCaseInsensitiveEnumValuesAllowed(true)
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  /** Runs an external tool; fails clearly when it is missing or fails. */
  static String run(Path dir, String... cmd) throws IOException, InterruptedException {
    return ExternalTool.runOk(dir, cmd);
  }

  /** A TIFF HylaFAX wrote on receipt of a recorded call, by its name, e.g. fax000000011.tif. */
  static byte[] receivedTiff(String name) {
    for (String call : RecordedCalls.ALL) {
      if (RecordedCalls.receivedTiffName(call).equals(name)) {
        return RecordedCalls.receivedTiff(call);
      }
    }
    throw new IllegalArgumentException("no recorded call received " + name);
  }

  /** {@link #receivedTiff} copied into {@code dir}. */
  static Path fixture(Path dir, String name) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, receivedTiff(name));
    return p;
  }

  /** The files in a Maildir's new/ folder. */
  static List<Path> newMail(Path maildir) throws IOException {
    Path n = maildir.resolve("new");
    if (!Files.isDirectory(n)) {
      return List.of();
    }
    try (var s = Files.list(n)) {
      return s.sorted().toList();
    }
  }

  static void assertSamePixels(BilevelPage ref, BufferedImage img, String what) {
    Pixels.assertSame(ref.width(), ref.height(), ref::pixel, ref.blackPixels(), img, what);
  }
}
