package org.faxgw.gateway.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.faxgw.gateway.Main;
import org.faxgw.modem.G711;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Garbage in: analyze answers with an exit code and a one-line message or an empty timeline, never
 * an exception trace.
 */
class AnalyzeGarbageTest {
  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = Main.run(args);
      return new Run(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  private static void noTrace(Run r) {
    assertThat(r.out() + r.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  private static void oneLineMessage(Run r) {
    assertThat(r.err().strip()).isNotEmpty().doesNotContain("\n").startsWith("faxgw analyze: ");
  }

  private Path write(String name, byte[] data) throws Exception {
    Path p = dir.resolve(name);
    Files.write(p, data);
    return p;
  }

  @Test
  void noiseSilenceToneAndRandomBytesGiveAnEmptyTimeline() throws Exception {
    Random rnd = new Random(7);
    int n = 8000 * 20;
    byte[] noise = new byte[2 * n];
    for (int i = 0; i < n; i++) {
      int s = (int) Math.max(-32768, Math.min(32767, rnd.nextGaussian() * 3000));
      noise[2 * i] = (byte) s;
      noise[2 * i + 1] = (byte) (s >> 8);
    }
    byte[] silence = new byte[n];
    Arrays.fill(silence, (byte) 0xD5);
    byte[] tone = new byte[n];
    for (int i = 0; i < n; i++) {
      tone[i] = (byte) G711.linearToUlaw((int) (8000 * Math.sin(2 * Math.PI * 1000 * i / 8000.0)));
    }
    byte[] random = new byte[n];
    rnd.nextBytes(random);
    Object[][] cases = {
      {"noise.raw", noise, "slin16le"},
      {"silence.raw", silence, "alaw"},
      {"tone-1khz.raw", tone, "ulaw"},
      {"random.raw", random, "alaw"},
    };
    for (Object[] c : cases) {
      Path p = write((String) c[0], (byte[]) c[1]);
      for (boolean json : new boolean[] {false, true}) {
        Run r =
            json
                ? run("analyze", p.toString(), "--codec", (String) c[2], "--json")
                : run("analyze", p.toString(), "--codec", (String) c[2]);
        assertThat(r.code()).as(c[0] + " exit code").isEqualTo(1);
        noTrace(r);
        oneLineMessage(r);
        assertThat(r.err()).contains("no fax signal");
        if (json) {
          assertThat(r.out()).contains("\"events\" : [ ]");
        } else {
          assertThat(r.out()).contains("(no fax signal)");
        }
      }
    }
  }

  @Test
  void truncatedPcapIsAnalysedAsFarAsItGoesWithAWarning() throws Exception {
    byte[] whole = Files.readAllBytes(CallFixture.of("s-v29-7200-mr-ulaw-1p").pcap());
    Path p = write("cut.pcap", Arrays.copyOf(whole, whole.length / 3 + 5));
    Run r = run("analyze", p.toString());
    assertThat(r.code()).isEqualTo(3);
    noTrace(r);
    oneLineMessage(r);
    assertThat(r.out()).contains("warning: capture cut off");
    assertThat(r.out()).contains("DIS"); // the first third of the call is still there
  }

  @Test
  void pcapWithoutIax2AndNonCapturesAreRefused() throws Exception {
    byte[] dns = new byte[] {0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0};
    byte[] arp = new byte[42];
    arp[12] = 0x08;
    arp[13] = 0x06;
    Path onlyArp = write("arp.pcap", PcapReaderTest.pcap(ByteOrder.LITTLE_ENDIAN, arp, arp));
    Path udp =
        write(
            "dns.pcap",
            PcapReaderTest.pcap(
                ByteOrder.LITTLE_ENDIAN, PcapReaderTest.ethernetUdp(5353, 53, dns)));
    Path text = write("notes.pcap", "just some text\n".getBytes(StandardCharsets.UTF_8));
    Path empty = write("empty.pcap", new byte[0]);
    for (Path p : new Path[] {onlyArp, udp, text, empty, dir.resolve("missing.pcap")}) {
      Run r = run("analyze", p.toString());
      assertThat(r.code()).as(p.getFileName().toString()).isEqualTo(2);
      noTrace(r);
      oneLineMessage(r);
      assertThat(r.out()).isEmpty();
    }
    assertThat(run("analyze", onlyArp.toString()).err()).contains("no UDP datagrams");
    assertThat(run("analyze", udp.toString()).err()).contains("no IAX2 frames among 1 UDP");
    assertThat(run("analyze", text.toString()).err()).contains("not a pcap");
    // IAX2 signalling (a NEW and its ACK) but no voice
    byte[] newFrame = java.util.HexFormat.of().parseHex("eb3c00000000000300000601" + "0b020002");
    byte[] ack = java.util.HexFormat.of().parseHex("eb3c6b3c0000000300010604");
    Path signalling =
        write(
            "signalling.pcap",
            PcapReaderTest.pcap(
                ByteOrder.BIG_ENDIAN,
                PcapReaderTest.ethernetUdp(4570, 4571, newFrame),
                PcapReaderTest.ethernetUdp(4571, 4570, ack)));
    Run r = run("analyze", signalling.toString());
    assertThat(r.code()).isEqualTo(2);
    noTrace(r);
    oneLineMessage(r);
    assertThat(r.err()).contains("no IAX2 voice in 2 IAX2 frames");
  }

  @Test
  void badOptionsAreUsageErrors() {
    Run r = run("analyze", "x.pcap", "--codec", "gsm");
    assertThat(r.code()).isEqualTo(2);
    noTrace(r);
  }
}
