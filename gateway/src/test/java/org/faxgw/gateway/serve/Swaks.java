package org.faxgw.gateway.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The real swaks SMTP client, run as an external process against a port on 127.0.0.1. */
final class Swaks {
  private Swaks() {}

  /**
   * What swaks printed: {@code <-} lines are server replies, {@code <**} failed replies, {@code <~}
   * and {@code <~*} the same inside TLS.
   */
  record Transcript(int exit, String text) {
    /** True when the server answered with this reply (code and start of text). */
    boolean replied(String reply) {
      for (String line : text.split("\n")) {
        String l = line.strip();
        if (l.startsWith("<") && l.replaceFirst("^<(\\*\\*|~\\*|-|~)\\s*", "").startsWith(reply)) {
          return true;
        }
      }
      return false;
    }

    /** The final reply to DATA: 250 when the message was taken. */
    boolean accepted() {
      return exit == 0 && replied("250 2.0.0 Ok: queued");
    }

    @Override
    public String toString() {
      return "swaks exit " + exit + ":\n" + text;
    }
  }

  static Transcript send(int port, String to, String... extra) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add("swaks");
    cmd.add("--server");
    cmd.add("127.0.0.1");
    cmd.add("--port");
    cmd.add(Integer.toString(port));
    cmd.add("--from");
    cmd.add("alice@example.com");
    cmd.add("--to");
    cmd.add(to);
    cmd.add("--timeout");
    cmd.add("120");
    cmd.addAll(List.of(extra));
    Tools.Run r = Tools.run(cmd, Map.of(), null, 300);
    return new Transcript(r.exit(), r.out());
  }
}
