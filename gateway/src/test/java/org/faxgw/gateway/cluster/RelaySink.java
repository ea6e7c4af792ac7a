package org.faxgw.gateway.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The MTA a node's {@code egress.relay} hands its mail to, on 127.0.0.1. An open sink takes every
 * message (kept in memory); a held one greets and answers the client's EHLO with a reply that never
 * ends (a continuation line every 2 s), so the node's delivery stays in progress, its mail leased
 * to it in the outbox, until the node dies.
 */
final class RelaySink implements AutoCloseable {
  private final ServerSocket server;
  private final boolean held;
  private final List<String> messages = new CopyOnWriteArrayList<>();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final AtomicInteger heldSessions = new AtomicInteger();

  private RelaySink(boolean held) throws IOException {
    this.held = held;
    server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    Thread t = new Thread(this::acceptLoop, "relay-sink-" + server.getLocalPort());
    t.setDaemon(true);
    t.start();
  }

  /** A relay that takes every message. */
  static RelaySink open() throws IOException {
    return new RelaySink(false);
  }

  /** A relay that never finishes its answer to the client's EHLO. */
  static RelaySink held() throws IOException {
    return new RelaySink(true);
  }

  int port() {
    return server.getLocalPort();
  }

  /** Messages taken (open sink), in arrival order. */
  List<String> messages() {
    return new ArrayList<>(messages);
  }

  /** Sessions that reached EHLO and are being held (held sink). */
  int heldSessions() {
    return heldSessions.get();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        open.add(s);
        Thread t = new Thread(() -> session(s), "relay-sink-session");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void session(Socket s) {
    try (s) {
      s.setSoTimeout(600_000);
      BufferedReader in =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      OutputStream out = s.getOutputStream();
      reply(out, "220 sink.example.com ESMTP");
      StringBuilder data = null;
      for (int i = 0; i < 1_000_000; i++) {
        String line = in.readLine();
        if (line == null) {
          return;
        }
        if (data != null) {
          if (line.equals(".")) {
            messages.add(data.toString());
            data = null;
            reply(out, "250 2.0.0 queued");
          } else {
            data.append(line.startsWith(".") ? line.substring(1) : line).append('\n');
          }
          continue;
        }
        String cmd = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
        if (held && (cmd.equals("EHLO") || cmd.equals("HELO"))) {
          heldSessions.incrementAndGet();
          hold(out);
          return;
        }
        switch (cmd) {
          case "EHLO" -> reply(out, "250-sink.example.com\r\n250 8BITMIME");
          case "HELO", "MAIL", "RCPT", "RSET", "NOOP" -> reply(out, "250 OK");
          case "DATA" -> {
            data = new StringBuilder();
            reply(out, "354 go ahead");
          }
          case "QUIT" -> {
            reply(out, "221 bye");
            return;
          }
          default -> reply(out, "502 5.5.1 not implemented");
        }
      }
    } catch (IOException e) {
      // the client went away
    } finally {
      open.remove(s);
    }
  }

  /**
   * Answers EHLO with a reply that never ends: a continuation line every 2 s, so no read of the
   * client times out and its delivery stays in progress until it goes away (bounded: 30 min).
   */
  private static void hold(OutputStream out) throws IOException {
    for (int i = 0; i < 900; i++) {
      reply(out, "250-sink.example.com still thinking");
      try {
        Thread.sleep(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static void reply(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : open) {
      s.close();
    }
  }
}
