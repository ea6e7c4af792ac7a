package org.faxgw.gateway.hfaxd;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * The data connection of one control connection (RFC 959 PORT/PASV, RFC 2428 EPRT/EPSV) and the
 * transfers over it, in MODE S (stream) or Z (zlib, RFC 1950). PORT and EPRT are accepted only
 * towards the control connection's own peer, and a passive connection only from it, so the listener
 * cannot be used to bounce connections elsewhere. Each setup serves one transfer. Every wait
 * (accept, connect, read, write) is bounded by the data timeout. Confined to the session's thread.
 */
final class DataChannel implements AutoCloseable {
  /** Sends one reply on the control connection. */
  @FunctionalInterface
  interface Replies {
    void reply(int code, String text) throws IOException;
  }

  private final Socket control;
  private final InetAddress peer;
  private final Duration timeout;
  private final Replies replies;
  private InetSocketAddress active;
  private ServerSocket passive;

  DataChannel(Socket control, Duration timeout, Replies replies) {
    this.control = control;
    this.peer = control.getInetAddress();
    this.timeout = timeout;
    this.replies = replies;
  }

  // --- setup -----------------------------------------------------------------------------

  void port(String arg) throws IOException, Refusal {
    String[] p = arg.split(",");
    if (p.length != 6) {
      throw new Refusal(501, "PORT: bad argument.");
    }
    try {
      byte[] a = new byte[4];
      for (int i = 0; i < 4; i++) {
        a[i] = (byte) octet(p[i]);
      }
      int port = octet(p[4]) * 256 + octet(p[5]);
      setActive(InetAddress.getByAddress(a), port, "PORT");
    } catch (NumberFormatException e) {
      throw new Refusal(501, "PORT: bad argument.");
    }
  }

  private static int octet(String s) {
    int v = Integer.parseInt(s.trim());
    if (v < 0 || v > 255) {
      throw new NumberFormatException(s);
    }
    return v;
  }

  void eprt(String arg) throws IOException, Refusal {
    if (arg.length() < 7) {
      throw new Refusal(501, "EPRT: bad argument.");
    }
    String d = Character.toString(arg.charAt(0));
    String[] p = arg.substring(1).split(Pattern.quote(d), -1);
    if (p.length < 3 || !(p[0].equals("1") || p[0].equals("2"))) {
      throw new Refusal(522, "Network protocol not supported, use (1,2)");
    }
    try {
      if (!p[1].matches("[0-9A-Fa-f:.]+")) {
        throw new NumberFormatException(p[1]);
      }
      setActive(InetAddress.getByName(p[1]), Integer.parseInt(p[2]), "EPRT");
    } catch (NumberFormatException | java.net.UnknownHostException e) {
      throw new Refusal(501, "EPRT: bad argument.");
    }
  }

  /** Only the control connection's own peer: the listener must not bounce connections. */
  private void setActive(InetAddress a, int port, String verb) throws IOException, Refusal {
    if (!a.equals(peer)) {
      throw new Refusal(500, "Illegal " + verb + " command: address differs from the client's.");
    }
    if (port < 1024 || port > 65535) {
      throw new Refusal(500, "Illegal " + verb + " command: bad port.");
    }
    closePassive();
    active = new InetSocketAddress(a, port);
    replies.reply(200, verb + " command successful.");
  }

  void pasv() throws IOException, Refusal {
    byte[] a = control.getLocalAddress().getAddress();
    if (a.length != 4) {
      throw new Refusal(425, "Cannot use PASV over IPv6; use EPSV.");
    }
    openPassive();
    int p = passive.getLocalPort();
    replies.reply(
        227,
        String.format(
            "Entering Passive Mode (%d,%d,%d,%d,%d,%d)",
            a[0] & 255, a[1] & 255, a[2] & 255, a[3] & 255, p >> 8, p & 255));
  }

  void epsv() throws IOException {
    openPassive();
    replies.reply(229, "Entering Extended Passive Mode (|||" + passive.getLocalPort() + "|)");
  }

  private void openPassive() throws IOException {
    closePassive();
    active = null;
    passive = new ServerSocket(0, 1, control.getLocalAddress());
    passive.setSoTimeout((int) timeout.toMillis());
  }

  private void closePassive() {
    if (passive != null) {
      try {
        passive.close();
      } catch (IOException ignored) {
        // closing
      }
      passive = null;
    }
  }

  /** The data connection set up by PORT/EPRT or PASV/EPSV (used once). */
  Socket open() throws IOException, Refusal {
    Socket s;
    if (passive != null) {
      try {
        s = passive.accept();
      } catch (SocketTimeoutException e) {
        throw new Refusal(425, "Can't open data connection: timed out.");
      } finally {
        closePassive();
      }
      if (!s.getInetAddress().equals(peer)) {
        s.close();
        throw new Refusal(425, "Can't open data connection: not from the client's address.");
      }
    } else if (active != null) {
      s = new Socket();
      try {
        s.connect(active, (int) timeout.toMillis());
      } catch (IOException e) {
        s.close();
        throw new Refusal(425, "Can't open data connection: " + e.getMessage() + ".");
      } finally {
        active = null;
      }
    } else {
      throw new Refusal(425, "Can't open data connection: no PORT or PASV given.");
    }
    s.setSoTimeout((int) timeout.toMillis());
    return s;
  }

  // --- transfers -------------------------------------------------------------------------

  /** An upload went over its bound. */
  static final class TooBig extends IOException {
    private static final long serialVersionUID = 1L;
  }

  /**
   * Receives one file (STOR/STOT): opens the connection, replies 150 with {@code preliminary},
   * copies at most {@code max} bytes into {@code file} (deleted on failure).
   *
   * @return the bytes received
   */
  long receive(Path file, boolean zlib, long max, String preliminary) throws IOException, Refusal {
    Socket data = open();
    replies.reply(150, preliminary);
    try (data;
        InputStream raw = data.getInputStream();
        InputStream src = zlib ? new InflaterInputStream(raw) : raw;
        OutputStream dst = Files.newOutputStream(file)) {
      return copy(src, dst, max);
    } catch (SocketTimeoutException e) {
      Files.deleteIfExists(file);
      throw new Refusal(426, "Data connection timed out; transfer aborted.");
    } catch (TooBig e) {
      Files.deleteIfExists(file);
      throw new Refusal(552, "File too large (more than " + max + " bytes).");
    } catch (IOException e) {
      Files.deleteIfExists(file);
      throw new Refusal(426, "Transfer aborted: " + e.getMessage() + ".");
    }
  }

  private static long copy(InputStream src, OutputStream dst, long max) throws IOException {
    byte[] buf = new byte[65536];
    long total = 0;
    int n;
    while ((n = src.read(buf)) > 0) {
      total += n;
      if (total > max) {
        throw new TooBig();
      }
      dst.write(buf, 0, n);
    }
    return total;
  }

  /** Sends one file (RETR), then replies 226. */
  void send(Path file, boolean zlib, String preliminary) throws IOException, Refusal {
    Socket data = open();
    replies.reply(150, preliminary);
    try (data;
        OutputStream raw = data.getOutputStream();
        OutputStream dst = zlib ? new DeflaterOutputStream(raw) : raw) {
      Files.copy(file, dst);
    } catch (IOException e) {
      throw new Refusal(426, "Transfer aborted: " + e.getMessage() + ".");
    }
    replies.reply(226, "Transfer complete.");
  }

  /** Sends lines ended by CR LF (LIST, NLST), then replies 226. */
  void sendLines(List<String> lines, boolean zlib, String preliminary) throws IOException, Refusal {
    Socket data = open();
    replies.reply(150, preliminary);
    try (data;
        OutputStream raw = data.getOutputStream();
        OutputStream dst = zlib ? new DeflaterOutputStream(raw) : raw) {
      for (String l : lines) {
        dst.write((l + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      }
    } catch (IOException e) {
      throw new Refusal(426, "Transfer aborted: " + e.getMessage() + ".");
    }
    replies.reply(226, "Transfer complete.");
  }

  @Override
  public void close() {
    closePassive();
    active = null;
  }
}
