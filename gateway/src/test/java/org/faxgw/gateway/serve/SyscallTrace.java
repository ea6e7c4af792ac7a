package org.faxgw.gateway.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The system calls of an {@code strace -f -yy -o FILE} run, in the order they completed (a call
 * split by another thread's, {@code <unfinished ...>} then {@code <... resumed>}, counts where it
 * completed). {@code -yy} prints a descriptor with its path, {@code 12</var/spool/x>}, or its
 * socket, {@code 7<TCP:[127.0.0.1:2525->127.0.0.1:40312]>}.
 */
final class SyscallTrace {
  /** One call: its name, the text of its arguments and its result. */
  record Call(int pid, String name, String args, String result) {
    /** The path or socket of the first argument when it is a descriptor, else "". */
    String fdTarget() {
      Matcher m = FD.matcher(args);
      return m.lookingAt() ? m.group(1) : "";
    }

    boolean ok() {
      return result.startsWith("0") || result.matches("[1-9][0-9]*.*");
    }
  }

  private static final Pattern LINE = Pattern.compile("^(\\d+)\\s+(.*)$");
  private static final Pattern START = Pattern.compile("^(\\w+)\\((.*)$");
  private static final Pattern RESUMED = Pattern.compile("^<\\.\\.\\. (\\w+) resumed>(.*)$");
  private static final Pattern FD = Pattern.compile("\\d+<(.*?)>(?:,|\\))");
  private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

  private final List<Call> calls;

  private SyscallTrace(List<Call> calls) {
    this.calls = calls;
  }

  static SyscallTrace read(Path file) throws IOException {
    List<Call> out = new ArrayList<>();
    Map<Integer, String[]> pending = new HashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
      Matcher l = LINE.matcher(line);
      if (!l.matches()) {
        continue;
      }
      int pid = Integer.parseInt(l.group(1));
      String rest = l.group(2);
      Matcher r = RESUMED.matcher(rest);
      if (r.matches()) {
        String[] started = pending.remove(pid);
        if (started != null) {
          add(out, pid, started[0], started[1] + r.group(2));
        }
        continue;
      }
      Matcher s = START.matcher(rest);
      if (!s.matches()) {
        continue; // signals, exits
      }
      if (rest.endsWith("<unfinished ...>")) {
        String args = s.group(2);
        pending.put(pid, new String[] {s.group(1), args.substring(0, args.length() - 16)});
      } else {
        add(out, pid, s.group(1), s.group(2));
      }
    }
    return new SyscallTrace(out);
  }

  private static void add(List<Call> out, int pid, String name, String argsAndResult) {
    int eq = argsAndResult.lastIndexOf(" = ");
    String args = eq < 0 ? argsAndResult : argsAndResult.substring(0, eq);
    String result = eq < 0 ? "?" : argsAndResult.substring(eq + 3).trim();
    out.add(new Call(pid, name, args, result));
  }

  /**
   * The index of the first write to a TCP socket (v4 or v6) whose data starts with {@code text}, or
   * -1.
   */
  int firstWriteToSocketStartingWith(String text) {
    for (int i = 0; i < calls.size(); i++) {
      Call c = calls.get(i);
      if ((c.name().equals("write") || c.name().startsWith("send"))
          && c.fdTarget().startsWith("TCP")) { // TCP: or TCPv6:
        Matcher m = STRING.matcher(c.args());
        if (m.find() && m.group(1).startsWith(text)) {
          return i;
        }
      }
    }
    return -1;
  }

  /**
   * The index of the last successful {@code name} on a descriptor of {@code path} before {@code
   * end}.
   */
  int lastCompletedBefore(int end, String name, String path) {
    for (int i = end - 1; i >= 0; i--) {
      Call c = calls.get(i);
      if (c.name().equals(name) && c.fdTarget().equals(path) && c.ok()) {
        return i;
      }
    }
    return -1;
  }

  /**
   * As {@link #lastCompletedBefore(int, String, String)}, counting only the calls of thread {@code
   * pid} (strace -f names each thread by its id).
   */
  int lastCompletedBefore(int end, String name, String path, int pid) {
    for (int i = end - 1; i >= 0; i--) {
      Call c = calls.get(i);
      if (c.pid() == pid && c.name().equals(name) && c.fdTarget().equals(path) && c.ok()) {
        return i;
      }
    }
    return -1;
  }

  /** The thread id of the call at {@code index}. */
  int pidAt(int index) {
    return calls.get(index).pid();
  }

  /** The index of the last successful rename of {@code from} to {@code to} before {@code end}. */
  int renameBefore(int end, String from, String to) {
    for (int i = end - 1; i >= 0; i--) {
      Call c = calls.get(i);
      if (c.name().startsWith("rename") && c.ok()) {
        List<String> paths = new ArrayList<>();
        Matcher m = STRING.matcher(c.args());
        while (m.find()) {
          paths.add(m.group(1));
        }
        if (paths.size() == 2 && paths.get(0).equals(from) && paths.get(1).equals(to)) {
          return i;
        }
      }
    }
    return -1;
  }

  int size() {
    return calls.size();
  }
}
