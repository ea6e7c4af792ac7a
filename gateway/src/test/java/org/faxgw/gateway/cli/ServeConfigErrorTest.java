package org.faxgw.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.faxgw.gateway.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad configuration stops `faxgw serve` before anything starts, naming file and line. */
class ServeConfigErrorTest {
  @TempDir Path dir;

  private static String stderrOf(String... args) {
    PrintStream old = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      assertThat(Main.run(args)).isEqualTo(2);
    } finally {
      System.setErr(old);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  @Test
  void unknownKeyStopsStartUpWithFileAndLine() throws Exception {
    Path f = dir.resolve("bad.yaml");
    Files.writeString(f, "dataDir: " + dir + "\nsmtp:\n  listen: 127.0.0.1:0\n  domain: [x]\n");
    assertThat(stderrOf("serve", "--config", f.toString()))
        .startsWith("faxgw: " + f + ":4: smtp.domain: unknown key");
  }

  @Test
  void missingFileIsAnError() {
    Path f = dir.resolve("none.yaml");
    assertThat(stderrOf("faxstat", "--config", f.toString())).contains(f + ": no such file");
  }
}
