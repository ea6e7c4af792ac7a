package org.faxgw.render;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.io.ByteArrayOutputStream;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.faxgw.render.internal.GsConsoleApi;
import org.ghost4j.GhostscriptLibrary;

/**
 * Runs one Ghostscript job in this process with libgs, through ghost4j's JNA binding of the
 * Ghostscript API ({@link GhostscriptLibrary}: {@code gsapi_new_instance}, {@code
 * gsapi_init_with_args}, {@code gsapi_exit}, {@code gsapi_delete_instance}) and our own binding of
 * {@code gsapi_set_stdio} ({@link GsConsoleApi}: ghost4j declares those callbacks stdcall, which
 * crashes on Linux). ghost4j's RGB renderers are not used: the output device writes bilevel pages
 * into files.
 *
 * <p><b>Why not {@code org.ghost4j.Ghostscript}.</b> Its {@code initialize} hands libgs console
 * callbacks declared stdcall (refused by JNA 5 on Linux: "Invalid calling convention 63"; with JNA
 * 4.1 the JVM crashes as soon as libgs writes a message) and held only in local variables (JNA
 * keeps callbacks weakly: collected while libgs runs, then freed under it). Here the callbacks are
 * C-convention and live as long as the process.
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

  /** Ghostscript's gserrors.h: gs_error_Quit, returned after {@code quit}; not a failure. */
  private static final int E_QUIT = -101;

  /**
   * The console callbacks, made once and kept for the life of the process: libgs may call them
   * while an interpreter exists, and JNA frees a callback's native code once the callback object is
   * collected.
   */
  private static final Stdio STDIO = new Stdio();

  private Libgs() {}

  /**
   * Runs Ghostscript with {@code args} (without the program name).
   *
   * @return Ghostscript's console output (stdout and stderr), truncated
   * @throws RenderException {@code DAMAGED} with Ghostscript's error line, or {@code TOOL} when
   *     libgs cannot be loaded or used
   */
  static String run(List<String> args) throws RenderException {
    synchronized (ONE_INTERPRETER) {
      GhostscriptLibrary lib;
      GsConsoleApi console;
      try {
        lib = GhostscriptLibrary.instance;
        console = Console.API;
      } catch (LinkageError | IllegalArgumentException e) {
        throw unusable(e);
      }
      Stdio stdio = STDIO;
      stdio.reset();
      try {
        PointerByReference ref = new PointerByReference();
        int rc = lib.gsapi_new_instance(ref.getPointer(), null);
        if (rc != 0) {
          throw new RenderException(
              RenderException.Reason.TOOL, "libgs refused a new interpreter (code " + rc + ")");
        }
        Pointer gs = ref.getValue();
        try {
          rc = console.gsapi_set_stdio(gs, stdio.in, stdio.out, stdio.err);
          if (rc != 0) {
            throw new RenderException(
                RenderException.Reason.TOOL, "libgs refused its console (code " + rc + ")");
          }
          String[] argv = new String[args.size() + 1];
          argv[0] = "gs";
          for (int i = 0; i < args.size(); i++) {
            argv[i + 1] = args.get(i);
          }
          rc = lib.gsapi_init_with_args(gs, argv.length, argv);
          int exit = lib.gsapi_exit(gs);
          if (rc == E_QUIT) {
            rc = exit;
          }
          if (rc != 0 && rc != E_QUIT) {
            throw new RenderException(
                RenderException.Reason.DAMAGED,
                "PostScript error: "
                    + PostScriptRenderer.gsError(stdio.text(), "Ghostscript error code " + rc));
          }
          return stdio.text();
        } finally {
          lib.gsapi_delete_instance(gs);
        }
      } catch (LinkageError | IllegalArgumentException e) {
        throw unusable(e);
      } finally {
        Reference.reachabilityFence(stdio);
      }
    }
  }

  /** The console binding, loaded on first use from the same library as ghost4j's. */
  private static final class Console {
    static final GsConsoleApi API = Native.load("gs", GsConsoleApi.class);
  }

  private static RenderException unusable(Throwable e) {
    return new RenderException(
        RenderException.Reason.TOOL,
        "PostScript needs libgs, which cannot be used here (Debian package libgs10): " + e,
        e);
  }

  /** libgs's console: no input; output and errors kept (the first {@link #MAX_LOG_BYTES}). */
  private static final class Stdio {
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

    final GsConsoleApi.StdIn in = (handle, data, len) -> 0; // end of input

    final GsConsoleApi.StdOut out = (handle, text, len) -> keep(text, len);

    final GsConsoleApi.StdOut err = (handle, text, len) -> keep(text, len);

    /** Takes {@code len} bytes at {@code text} (not NUL-terminated), keeping what fits. */
    private synchronized int keep(Pointer text, int len) {
      int n = Math.min(len, MAX_LOG_BYTES - buf.size());
      if (text != null && n > 0) {
        buf.write(text.getByteArray(0, n), 0, n);
      }
      return len;
    }

    synchronized void reset() {
      buf.reset();
    }

    synchronized String text() {
      return buf.toString(StandardCharsets.ISO_8859_1);
    }
  }
}
