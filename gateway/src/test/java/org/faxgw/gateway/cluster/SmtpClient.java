package org.faxgw.gateway.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One mail per SMTP session to a gateway's listener on 127.0.0.1, plain text, without the cost of a
 * swaks process per mail (the cluster ITs send hundreds). Returns the reply to the end of DATA, or
 * the first refusal on the way there.
 */
final class SmtpClient {
  private SmtpClient() {}

  /** The reply of one SMTP step: its code and text. */
  record Reply(int code, String text) {
    boolean accepted() {
      return code == 250;
    }
  }

  /** Sends one mail; an I/O failure (connection refused, reset) comes back as code 0. */
  static Reply send(int port, String from, String to, String headersAndBody) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
      s.setSoTimeout(120_000);
      BufferedReader in =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      OutputStream out = s.getOutputStream();
      Reply r = read(in);
      if (r.code() != 220) {
        return r;
      }
      String[][] steps = {
        {"EHLO cluster-it.example.com", "250"},
        {"MAIL FROM:<" + from + ">", "250"},
        {"RCPT TO:<" + to + ">", "250"},
        {"DATA", "354"}
      };
      for (String[] step : steps) {
        r = command(out, in, step[0]);
        if (r.code() != Integer.parseInt(step[1])) {
          return r;
        }
      }
      StringBuilder data = new StringBuilder();
      for (String line : headersAndBody.split("\r?\n", -1)) {
        data.append(line.startsWith(".") ? "." : "").append(line).append("\r\n");
      }
      data.append(".");
      r = command(out, in, data.toString());
      command(out, in, "QUIT");
      return r;
    } catch (IOException e) {
      return new Reply(0, e.toString());
    }
  }

  private static Reply command(OutputStream out, BufferedReader in, String line)
      throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
    return read(in);
  }

  private static Reply read(BufferedReader in) throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      String line = in.readLine();
      if (line == null || line.length() < 3) {
        return new Reply(0, text + "(connection closed)");
      }
      text.append(line).append('\n');
      if (line.length() == 3 || line.charAt(3) != '-') {
        return new Reply(Integer.parseInt(line.substring(0, 3)), text.toString());
      }
    }
    return new Reply(0, "more than 100 reply lines: " + text);
  }
}
