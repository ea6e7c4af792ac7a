package org.faxgw.render;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.io.ByteArrayOutputStream;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ghost4j.GhostscriptLibrary;

/**
 * Runs one Ghostscript job in this process with libgs, through ghost4j's JNA binding of the
 * Ghostscript API ({@link GhostscriptLibrary}: {@code gsapi_new_instance}, {@code gsapi_set_stdio},
 * {@code gsapi_init_with_args}, {@code gsapi_exit}, {@code gsapi_delete_instance}). ghost4j's RGB
 * renderers are not used: the output device writes bilevel pages into files.
 *
 * <p><b>Why not {@code org.ghost4j.Ghostscript}.</b> Its {@code initialize} hands libgs three JNA
 * callbacks (stdin, stdout, stderr) held only in local variables; JNA keeps callbacks weakly, so a
 * garbage collection while libgs runs frees them and the next write from libgs crashes the JVM
 * (SIGABRT, exit code 134, seen after a few documents in a render worker). Here the callbacks stay
 * reachable for the life of the process (see {@link #STDIO}).
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
   * The console callbacks, made once and never released: JNA frees a callback's native trampoline
   * when the callback object is finalized, and with ghost4j's stdcall-declared callbacks that free
   * aborts the JVM on x86-64 Linux (SIGABRT from the Finalizer thread, after a few documents).
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
      try {
        lib = GhostscriptLibrary.instance;
      } catch (LinkageError e) {
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
          rc = lib.gsapi_set_stdio(gs, stdio.in, stdio.out, stdio.err);
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
        // IllegalArgumentException: JNA refusing ghost4j's stdcall callbacks (JNA after 4.1.0)
        throw unusable(e);
      } finally {
        Reference.reachabilityFence(stdio);
      }
    }
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

    // anonymous classes, not lambdas: JNA looks the callback interface up on the object's class
    final GhostscriptLibrary.stdin_fn in =
        new GhostscriptLibrary.stdin_fn() {
          @Override
          public int callback(Pointer handle, Pointer data, int len) {
            return 0; // end of input
          }
        };

    final GhostscriptLibrary.stdout_fn out =
        new GhostscriptLibrary.stdout_fn() {
          @Override
          public int callback(Pointer handle, String text, int len) {
            return keep(text, len);
          }
        };

    final GhostscriptLibrary.stderr_fn err =
        new GhostscriptLibrary.stderr_fn() {
          @Override
          public int callback(Pointer handle, String text, int len) {
            return keep(text, len);
          }
        };

    private synchronized int keep(String text, int len) {
      if (text != null && buf.size() < MAX_LOG_BYTES) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        buf.write(b, 0, Math.min(Math.min(len, b.length), MAX_LOG_BYTES - buf.size()));
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
