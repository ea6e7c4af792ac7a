package org.faxgw.gateway.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark (prints, asserts no timing): durable acceptance throughput in mails/s answered 250, 4
 * parallel SMTP clients, a ~100 KB PDF per mail, fsync on; beside Postfix's smtp-sink (which keeps
 * nothing) on the same machine. Run with {@code -Dfaxgw.bench=true -Dit.test=SmtpThroughputIT}.
 */
class SmtpThroughputIT {
  @TempDir Path dir;

  @Test
  void acceptanceThroughputBesideSmtpSink() throws Exception {
    Assumptions.assumeTrue(
        Boolean.getBoolean("faxgw.bench"), "benchmark: run with -Dfaxgw.bench=true");
    int mails = Integer.getInteger("faxgw.bench.mails", 200);
    Path pdf = randomTextPdf(dir, 25);
    String message = message(Files.readAllBytes(pdf));
    double faxgw;
    try (TestGateway gw = new TestGateway(dir, null, null)) {
      faxgw = run(gw.smtpPort, message, mails);
      assertThat(gw.jobs()).hasSize(mails);
    }
    int sinkPort = TestGateway.freePort();
    Process sink =
        new ProcessBuilder("smtp-sink", "-u", "nobody", "127.0.0.1:" + sinkPort, "100")
            .redirectErrorStream(true)
            .start();
    double postfix;
    try {
      waitForPort(sinkPort);
      postfix = run(sinkPort, message, mails);
    } finally {
      sink.destroy();
      sink.waitFor(10, TimeUnit.SECONDS);
    }
    System.out.printf(
        "SMTP acceptance, %d mails of %d KB (PDF %d KB), 4 clients: faxgw (spool+fsync+SQLite FULL) %.1f mails/s;"
            + " postfix smtp-sink (keeps nothing) %.1f mails/s; ratio faxgw/smtp-sink %.3f%n",
        mails, message.length() / 1024, Files.size(pdf) / 1024, faxgw, postfix, faxgw / postfix);
  }

  /** A PDF of random words (compresses badly, like a real document): about 4 KB a page. */
  private static Path randomTextPdf(Path dir, int pages) throws Exception {
    java.util.Random rnd = new java.util.Random(1);
    StringBuilder roff = new StringBuilder();
    for (int p = 0; p < pages; p++) {
      if (p > 0) {
        roff.append(".bp\n");
      }
      for (int line = 0; line < 50; line++) {
        for (int w = 0; w < 10; w++) {
          int len = 2 + rnd.nextInt(8);
          for (int c = 0; c < len; c++) {
            roff.append((char) ('a' + rnd.nextInt(26)));
          }
          roff.append(' ');
        }
        roff.append('\n');
      }
    }
    Path src = dir.resolve("bench.roff");
    Files.writeString(src, roff);
    Path ps = dir.resolve("bench.ps");
    Tools.Run g =
        Tools.run(
            List.of("sh", "-c", "groff -Tps '" + src + "' > '" + ps + "'"),
            java.util.Map.of(),
            dir,
            120);
    assertThat(g.exit()).as(g.out()).isZero();
    Path pdf = dir.resolve("bench.pdf");
    assertThat(Tools.run("ps2pdf", ps.toString(), pdf.toString()).exit()).isZero();
    return pdf;
  }

  private static String message(byte[] pdf) {
    String b64 =
        Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pdf);
    return "From: bench@example.com\r\nTo: 6045557977@fax.local\r\nSubject: bench\r\nMessage-ID: <ID>\r\n"
        + "MIME-Version: 1.0\r\nX-Fax-Cover: no\r\nContent-Type: multipart/mixed; boundary=BB\r\n\r\n--BB\r\n"
        + "Content-Type: application/pdf; name=doc.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + b64
        + "\r\n--BB--\r\n";
  }

  private static void waitForPort(int port) throws Exception {
    for (int i = 0; i < 100; i++) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError("smtp-sink did not listen on " + port);
  }

  /** Sends {@code mails} messages over 4 connections; returns mails/s answered 250. */
  private static double run(int port, String message, int mails) throws Exception {
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    long t0 = System.nanoTime();
    List<Future<Integer>> fs = new ArrayList<>();
    for (int c = 0; c < 4; c++) {
      fs.add(pool.submit(() -> client(port, message, next, mails)));
    }
    int ok = 0;
    for (Future<Integer> f : fs) {
      ok += f.get(30, TimeUnit.MINUTES);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    pool.shutdownNow();
    assertThat(ok).isEqualTo(mails);
    return ok / seconds;
  }

  private static int client(int port, String message, AtomicInteger next, int mails)
      throws IOException {
    int ok = 0;
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(120_000);
      BufferedReader in =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
      OutputStream out = s.getOutputStream();
      expect(in, "220");
      send(out, "EHLO bench.example.com");
      expect(in, "250");
      int n;
      while ((n = next.getAndIncrement()) < mails) {
        send(out, "MAIL FROM:<bench@example.com>");
        expect(in, "250");
        send(out, "RCPT TO:<6045557977@fax.local>");
        expect(in, "250");
        send(out, "DATA");
        expect(in, "354");
        out.write(
            message
                .replace("<ID>", "<bench-" + n + "-" + System.nanoTime() + "@example.com>")
                .getBytes(StandardCharsets.US_ASCII));
        send(out, ".");
        expect(in, "250");
        ok++;
      }
      send(out, "QUIT");
    }
    return ok;
  }

  private static void send(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private static void expect(BufferedReader in, String code) throws IOException {
    String line;
    do {
      line = in.readLine();
      if (line == null) {
        throw new IOException("connection closed, expected " + code);
      }
    } while (line.length() > 3 && line.charAt(3) == '-');
    if (!line.startsWith(code)) {
      throw new IOException("expected " + code + ", got " + line);
    }
  }
}
