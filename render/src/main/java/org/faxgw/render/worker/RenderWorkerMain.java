package org.faxgw.render.worker;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.faxgw.render.FaxRenderer;
import org.faxgw.render.PostScriptEngine;
import org.faxgw.render.RenderException;
import org.faxgw.t4.BilevelPage;

/**
 * The render worker process: reads RENDER frames on stdin, renders each document in this process
 * (PDFBox, ghost4j/libgs, TwelveMonkeys, the text renderer) and writes PROGRESS, PAGE and DONE or
 * FAILED frames on stdout ({@link WorkerFrames}). Anything else the libraries print goes to stderr.
 * Every document is written into a fresh folder under {@code java.io.tmpdir} (the worker's private
 * folder) and everything there is removed when it is done.
 *
 * <p>Started by {@link RenderWorkerPool}; arguments: {@code --postscript ghost4j|process}. The
 * worker ends when stdin closes, after running out of memory (exit code {@value
 * #EXIT_OUT_OF_MEMORY}, the same as {@code -XX:+ExitOnOutOfMemoryError}), and after a document ran
 * out of time (libgs cannot be stopped, so the interpreter may still be busy).
 *
 * <p>Confined to its main thread, apart from the renderer's own pools.
 */
public final class RenderWorkerMain {
  /** Exit code after an {@link OutOfMemoryError} (HotSpot's ExitOnOutOfMemoryError uses 3 too). */
  static final int EXIT_OUT_OF_MEMORY = 3;

  /** Exit code after a document overran its time limit inside the worker. */
  static final int EXIT_AFTER_TIME_LIMIT = 4;

  private RenderWorkerMain() {}

  public static void main(String[] args) throws IOException {
    PostScriptEngine engine = PostScriptEngine.GHOST4J;
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals("--postscript")) {
        engine = PostScriptEngine.byName(args[i + 1]);
      }
    }
    // stdout carries frames only: everything printed goes to stderr
    DataOutputStream out =
        new DataOutputStream(
            new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
    System.setOut(
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
    DataInputStream in =
        new DataInputStream(WorkerFrames.buffered(new FileInputStream(FileDescriptor.in)));
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    FaxRenderer renderer = new FaxRenderer(1, engine);
    WorkerFrames.write(out, WorkerFrames.READY, WorkerFrames.longs(ProcessHandle.current().pid()));
    int exit = 0;
    while (exit == 0) {
      WorkerFrames.Frame f = WorkerFrames.read(in);
      if (f == null) {
        break;
      }
      if (f.type() != WorkerFrames.RENDER) {
        throw new IOException("render worker: unexpected frame type " + f.type());
      }
      exit = renderOne(renderer, WorkerFrames.request(f), tmp, out);
    }
    out.flush();
    System.exit(exit);
  }

  /** Renders one request; returns 0 to go on, or the exit code to end with. */
  private static int renderOne(
      FaxRenderer renderer, WorkerFrames.Request r, Path tmp, DataOutputStream out)
      throws IOException {
    Path doc = Files.createTempDirectory(tmp, "doc-");
    try {
      FaxRenderer.PageSink sink =
          (n, page) -> WorkerFrames.write(out, WorkerFrames.PAGE, WorkerFrames.page(n, page));
      FaxRenderer.ProgressListener progress =
          (done, total) -> {
            try {
              WorkerFrames.write(out, WorkerFrames.PROGRESS, WorkerFrames.ints(done, total));
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          };
      int pages;
      if (WorkerFrames.KIND_TEXT.equals(r.kind())) {
        List<BilevelPage> list =
            renderer.renderText(new String(r.document(), StandardCharsets.UTF_8), r.options());
        for (int i = 0; i < list.size(); i++) {
          sink.page(i + 1, list.get(i));
        }
        pages = list.size();
      } else {
        Path file = doc.resolve("document");
        Files.write(file, r.document());
        pages = renderer.render(file, r.contentType(), r.options(), progress, sink);
      }
      WorkerFrames.write(out, WorkerFrames.DONE, WorkerFrames.ints(pages));
      return 0;
    } catch (RenderException e) {
      WorkerFrames.write(out, WorkerFrames.FAILED, WorkerFrames.failed(e));
      if (e.getCause() instanceof OutOfMemoryError) {
        return EXIT_OUT_OF_MEMORY;
      }
      return e.reason() == RenderException.Reason.TIME_LIMIT ? EXIT_AFTER_TIME_LIMIT : 0;
    } catch (OutOfMemoryError e) {
      return EXIT_OUT_OF_MEMORY;
    } finally {
      emptyFolder(tmp);
    }
  }

  /** Removes everything in the worker's private folder (this document's and libraries' files). */
  static void emptyFolder(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder())
          .filter(p -> !p.equals(dir))
          .forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // what cannot be removed now goes with the folder when the worker ends
    }
  }
}
