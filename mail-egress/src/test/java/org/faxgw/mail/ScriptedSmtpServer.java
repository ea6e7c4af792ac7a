package org.faxgw.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A minimal SMTP server on 127.0.0.1 for tests: it answers RCPT TO with a reply chosen per address,
 * can answer DATA with a fixed reply, or hang after accepting the connection. Messages it accepts
 * are kept with their recipients. Shared with the gateway's tests through this module's test jar.
 */
public final class ScriptedSmtpServer implements AutoCloseable {
  public record Received(List<String> recipients, String data) {
    public byte[] bytes() {
      return data.getBytes(StandardCharsets.ISO_8859_1);
    }
  }

  private final ServerSocket server;
  private final Function<String, String> rcptReply;
  private final String dataReply;
  private final boolean hang;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final Thread thread;

  /** Accepts every recipient and message on {@code port} (0: any free port). */
  public ScriptedSmtpServer(int port) throws IOException {
    this(port, a -> "250 OK", "250 OK", false);
  }

  /** A server on any free port. */
  public ScriptedSmtpServer(Function<String, String> rcptReply, String dataReply, boolean hang)
      throws IOException {
    this(0, rcptReply, dataReply, hang);
  }

  /**
   * @param port the port on 127.0.0.1, 0 for any free one
   * @param rcptReply the reply to RCPT TO for an address, e.g. "250 OK" or "550 5.1.1 no such user"
   * @param dataReply the reply after the message's final dot
   * @param hang accept connections but never answer
   */
  public ScriptedSmtpServer(
      int port, Function<String, String> rcptReply, String dataReply, boolean hang)
      throws IOException {
    this.server = new ServerSocket(port, 10, InetAddress.getLoopbackAddress());
    this.rcptReply = rcptReply;
    this.dataReply = dataReply;
    this.hang = hang;
    this.thread = new Thread(this::serve, "scripted-smtp");
    thread.setDaemon(true);
    thread.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  public List<Received> received() {
    return received;
  }

  private void serve() {
    for (int n = 0; n < 100 && !server.isClosed(); n++) {
      try {
        Socket s = server.accept();
        open.add(s);
        if (hang) {
          continue;
        }
        s.setSoTimeout(10_000);
        handle(s);
      } catch (IOException e) {
        return;
      }
    }
  }

  private void handle(Socket s) {
    try (s) {
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
      OutputStream out = s.getOutputStream();
      say(out, "220 scripted ESMTP");
      List<String> rcpts = new CopyOnWriteArrayList<>();
      for (int lines = 0; lines < 10_000; lines++) {
        String line = in.readLine();
        if (line == null) {
          return;
        }
        String u = line.toUpperCase();
        if (u.startsWith("EHLO") || u.startsWith("HELO")) {
          say(out, "250 scripted");
        } else if (u.startsWith("MAIL FROM")) {
          rcpts.clear();
          say(out, "250 OK");
        } else if (u.startsWith("RCPT TO")) {
          String addr = line.substring(line.indexOf('<') + 1, line.lastIndexOf('>'));
          String reply = rcptReply.apply(addr);
          if (reply.startsWith("2")) {
            rcpts.add(addr);
          }
          say(out, reply);
        } else if (u.equals("DATA")) {
          say(out, "354 go ahead");
          StringBuilder data = new StringBuilder();
          for (int i = 0; i < 1_000_000; i++) {
            String d = in.readLine();
            if (d == null || d.equals(".")) {
              break;
            }
            data.append(d.startsWith(".") ? d.substring(1) : d).append("\r\n");
          }
          if (dataReply.startsWith("2")) {
            received.add(new Received(List.copyOf(rcpts), data.toString()));
          }
          say(out, dataReply);
        } else if (u.equals("QUIT")) {
          say(out, "221 bye");
          return;
        } else if (u.equals("RSET") || u.equals("NOOP")) {
          say(out, "250 OK");
        } else {
          say(out, "502 not implemented");
        }
      }
    } catch (IOException e) {
      // connection ended
    }
  }

  private static void say(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
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
