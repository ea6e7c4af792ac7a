package org.faxgw.gateway.line;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's loopback demo, command for command: {@code bin/faxgw serve --config
 * samples/loopback.yaml}, swaks a PDF, and the fax arrives as a PDF mail in the Maildir. Runs in a
 * fresh folder holding only {@code bin/} and {@code samples/} of the project (what a fresh clone
 * has), with the real IAX2 endpoint and T.30 engine calling themselves over 127.0.0.1.
 */
class LoopbackDemoIT {
  @TempDir Path dir;

  /** The shell commands between the README's loopback-demo markers. */
  static List<String> readmeCommands() throws Exception {
    String readme = Files.readString(ServeProcess.root().resolve("README.md"));
    int a = readme.indexOf("<!-- loopback-demo -->");
    int b = readme.indexOf("<!-- /loopback-demo -->");
    assertThat(a).as("README has the loopback-demo block").isPositive();
    String block = readme.substring(a, b);
    block = block.substring(block.indexOf("```sh") + 5, block.lastIndexOf("```"));
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String line : block.strip().split("\n")) {
      cur.append(line).append('\n');
      if (!line.endsWith("\\")) {
        out.add(cur.toString().strip());
        cur.setLength(0);
      }
    }
    return out;
  }

  @Test
  void theReadmeCommandsFaxAPdfToOurselvesAndMailItBack() throws Exception {
    List<String> cmds = readmeCommands();
    assertThat(cmds).hasSize(3);
    assertThat(cmds.get(0))
        .startsWith("bin/faxgw serve --config samples/loopback.yaml")
        .endsWith("&");
    Path root = ServeProcess.root();
    // bin/faxgw of the project (a symlinked bin/ would look for the jar under this folder)
    Files.createDirectories(dir.resolve("bin"));
    Path faxgw = dir.resolve("bin/faxgw");
    Files.writeString(faxgw, "#!/bin/sh\nexec '" + root.resolve("bin/faxgw") + "' \"$@\"\n");
    faxgw.toFile().setExecutable(true);
    Files.createDirectories(dir.resolve("samples"));
    for (String f : List.of("loopback.yaml", "loopback.pdf")) {
      Files.copy(root.resolve("samples").resolve(f), dir.resolve("samples").resolve(f));
    }
    String serve = cmds.get(0).substring(0, cmds.get(0).length() - 1).strip();
    try (ServeProcess gw = new ServeProcess(serve, dir)) {
      String swaks = ServeProcess.run(cmds.get(1), dir);
      assertThat(swaks).contains("250 2.0.0");
      List<Path> mails =
          ServeProcess.awaitMail(dir.resolve("var/loopback/mail/faxmaster@localhost"), 1, 120);
      assertThat(mails).as("a fax mail within two minutes:\n" + gw.output()).hasSize(1);
      String listed = ServeProcess.run(cmds.get(2), dir);
      assertThat(listed).contains(mails.get(0).getFileName().toString());
      String mail = Files.readString(mails.get(0));
      assertThat(mail).contains("Subject: Fax received from \"+1 604 555 0100\"");
      assertThat(mail).containsPattern("Pages: 1\\s");
      assertThat(mail).containsPattern("Signal Rate: 14400 bit/s");
      assertThat(mail).containsPattern("Data Format: 2-D MMR");
      assertThat(mail).containsPattern("Error Correct: Yes");
      assertThat(mail).containsPattern("CommID: \\d{9}");
      assertThat(mail).contains("Content-Type: application/pdf");
      String xfer = Files.readString(dir.resolve("var/loopback/xferfaxlog"));
      assertThat(xfer).contains("\tSEND\t").contains("\tRECV\t");
    }
  }
}
