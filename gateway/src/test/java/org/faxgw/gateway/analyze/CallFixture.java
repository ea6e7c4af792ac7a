package org.faxgw.gateway.analyze;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.faxgw.fixtures.RecordedCalls;

/**
 * One recorded call of the fixtures module ({@code fax-core/fixtures}, resources {@code
 * org/faxgw/fixtures/calls/}, see PROVENANCE.md there), read as files.
 */
record CallFixture(String name, Path dir) {
  static final List<String> ALL = RecordedCalls.ALL;

  static Path root() {
    String r = System.getProperty("faxgw.root");
    Path base = r != null ? Path.of(r) : Path.of("").toAbsolutePath().getParent();
    return base.resolve("fax-core/fixtures/src/main/resources" + RecordedCalls.RESOURCE_ROOT);
  }

  static CallFixture of(String name) {
    return new CallFixture(name, root().resolve(name));
  }

  Path pcap() {
    return dir.resolve("iax2.pcap");
  }

  /** The caller's (fax sender's) audio: ttyIAX0 to ttyIAX1. */
  Path callerAudio() {
    return find("audio", "ttyIAX0_to_ttyIAX1.");
  }

  /** The callee's (fax receiver's) audio: ttyIAX1 to ttyIAX0. */
  Path calleeAudio() {
    return find("audio", "ttyIAX1_to_ttyIAX0.");
  }

  Path sendLog() {
    return find(".", "-send.log");
  }

  Path recvLog() {
    return find(".", "-recv.log");
  }

  Path receivedTiff() {
    return find(".", ".tif");
  }

  /** The codec name as the audio file's extension says: alaw, ulaw or slin. */
  String codec() {
    String f = callerAudio().getFileName().toString();
    return f.substring(f.lastIndexOf('.') + 1);
  }

  private Path find(String sub, String part) {
    try (Stream<Path> s = Files.list(dir.resolve(sub))) {
      return s.filter(p -> p.getFileName().toString().contains(part))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException(name + ": no *" + part + "* in " + sub));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
