package org.faxgw.render;

/**
 * How PostScript (and PDFs that PDFBox refuses as damaged) reach Ghostscript. Config key {@code
 * render.postscript}.
 */
public enum PostScriptEngine {
  /**
   * libgs in this process through ghost4j's low-level {@code org.ghost4j.Ghostscript} API. libgs
   * cannot be interrupted and allows one interpreter per process: use it only in a process that can
   * be killed (the render worker, or a one-shot command).
   */
  GHOST4J,
  /** A {@code gs -dSAFER} process per document, killed at the time limit. */
  PROCESS;

  /** The engine named by config ({@code ghost4j} or {@code process}). */
  public static PostScriptEngine byName(String name) {
    return switch (name) {
      case "ghost4j" -> GHOST4J;
      case "process" -> PROCESS;
      default ->
          throw new IllegalArgumentException(
              "postscript engine must be ghost4j or process: " + name);
    };
  }
}
