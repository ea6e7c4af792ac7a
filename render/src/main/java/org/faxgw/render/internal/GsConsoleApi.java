package org.faxgw.render.internal;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Pointer;

/**
 * {@code gsapi_set_stdio} of Ghostscript's API ({@code iapi.h}) with C-convention callbacks.
 * ghost4j 1.0.1 declares these callbacks stdcall (a Windows convention), which JNA 5 refuses on
 * Linux and JNA 4.1 turns into a crash as soon as libgs writes a message; the rest of ghost4j's
 * binding ({@code org.ghost4j.GhostscriptLibrary}) is used as it is.
 */
public interface GsConsoleApi extends Library {
  /** {@code int (*stdin_fn)(void *caller_handle, char *buf, int len)}: bytes read, 0 at the end. */
  interface StdIn extends Callback {
    int callback(Pointer callerHandle, Pointer buf, int len);
  }

  /** {@code int (*stdout_fn)(void *caller_handle, const char *str, int len)}: bytes taken. */
  interface StdOut extends Callback {
    int callback(Pointer callerHandle, Pointer str, int len);
  }

  int gsapi_set_stdio(Pointer instance, StdIn in, StdOut out, StdOut err);
}
