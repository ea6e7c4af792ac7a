package org.faxgw.render;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ghost4j.Ghostscript;
import org.ghost4j.GhostscriptException;

/**
 * Runs one Ghostscript job in this process with libgs, through ghost4j's low-level {@link
 * Ghostscript} API ({@code gsapi_new_instance}, {@code gsapi_init_with_args}, {@code gsapi_exit}).
 * ghost4j's own RGB renderers are not used: the output device writes bilevel pages into files.
 *
 * <p>libgs allows one interpreter per process, so jobs run one at a time under a process-wide lock.
 * A running interpreter cannot be stopped: the caller's time limit only gives up waiting; the
 * process that hosts libgs (the render worker) is killed by its pool instead.
 *
 * <p>JNA loads the library {@code gs}: {@code libgs.so} where {@code libgs-dev} is installed,
 * otherwise JNA's Linux fallback picks the highest {@code libgs.so.N} on its search path (Debian's
 * {@code libgs10} installs {@code /usr/lib/<multiarch>/libgs.so.10}); {@code -Djna.library.path}
 * adds a folder.
 */
final class Libgs {
  private static final Object ONE_INTERPRETER = new Object();

  /** Most of Ghostscript's console output kept for the error message. */
  private static final int MAX_LOG_BYTES = 16 * 1024;

  private Libgs() {}

  /**
   * Runs Ghostscript with {@code args} (without the program name).
   *
   * @return Ghostscript's console output (stdout and stderr), truncated
   * @throws RenderException {@code DAMAGED} with Ghostscript's error line, or {@code TOOL} when
   *     libgs cannot be loaded
   */
  static String run(List<String> args) throws RenderException {
    synchronized (ONE_INTERPRETER) {
      CappedOutput log = new CappedOutput();
      Ghostscript gs;
      try {
        gs = Ghostscript.getInstance();
        gs.setStdIn(InputStream.nullInputStream());
        gs.setStdOut(log);
        gs.setStdErr(log);
      } catch (LinkageError e) {
        throw new RenderException(
            RenderException.Reason.TOOL,
            "PostScript needs libgs, which cannot be loaded (Debian package libgs10): " + e,
            e);
      }
      String[] argv = new String[args.size() + 1];
      argv[0] = "gs";
      for (int i = 0; i < args.size(); i++) {
        argv[i + 1] = args.get(i);
      }
      try {
        gs.initialize(argv);
        return log.text();
      } catch (GhostscriptException e) {
        throw new RenderException(
            RenderException.Reason.DAMAGED,
            "PostScript error: " + PostScriptRenderer.gsError(log.text(), e.getMessage()),
            e);
      } catch (LinkageError | IllegalArgumentException e) {
        // IllegalArgumentException: JNA refusing ghost4j's callbacks (a JNA newer than 4.1.0)
        throw new RenderException(
            RenderException.Reason.TOOL,
            "PostScript needs libgs, which cannot be used here (Debian package libgs10): " + e,
            e);
      } finally {
        try {
          gs.exit();
        } catch (GhostscriptException | LinkageError e) {
          // the instance is deleted below all the same
        }
        try {
          Ghostscript.deleteInstance();
        } catch (GhostscriptException | LinkageError e) {
          // nothing more to free
        }
      }
    }
  }

  /** Keeps the first {@link #MAX_LOG_BYTES} bytes written. */
  private static final class CappedOutput extends OutputStream {
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

    @Override
    public synchronized void write(int b) {
      if (buf.size() < MAX_LOG_BYTES) {
        buf.write(b);
      }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      int n = Math.min(len, MAX_LOG_BYTES - buf.size());
      if (n > 0) {
        buf.write(b, off, n);
      }
    }

    synchronized String text() {
      return buf.toString(StandardCharsets.ISO_8859_1);
    }
  }
}
