package org.faxgw.gateway;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.faxgw.durable.DurableFiles;
import org.faxgw.render.DocumentType;
import org.faxgw.render.FaxRenderer;
import org.faxgw.render.PageSize;
import org.faxgw.render.PostScriptEngine;
import org.faxgw.render.RenderException;
import org.faxgw.render.RenderOptions;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.FaxCompression;
import org.faxgw.t4.FaxTiffWriter;
import org.faxgw.t4.Resolution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code faxgw render INPUT... -o OUT.tif}: documents to one multi-page G3/G4 fax TIFF, the way the
 * gateway renders a job.
 */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description = {
      "Render documents (PDF, PostScript, TIFF, PNG, JPEG, GIF, BMP, plain text) to one",
      "multi-page fax TIFF, in the order given. The format is told from each file's content."
    },
    footer = {
      "",
      "Exit codes: 0 written; 1 a document could not be rendered (reason on stderr);",
      "  2 bad command line."
    })
public final class RenderCommand implements Callable<Integer> {
  /** Fax resolutions by name. */
  public enum ResolutionName {
    fine(Resolution.FINE),
    normal(Resolution.NORMAL);

    final Resolution resolution;

    ResolutionName(Resolution r) {
      this.resolution = r;
    }
  }

  /** TIFF codings by name. */
  public enum CompressionName {
    mh(FaxCompression.MH),
    mr(FaxCompression.MR),
    mmr(FaxCompression.MMR);

    final FaxCompression compression;

    CompressionName(FaxCompression c) {
      this.compression = c;
    }
  }

  /** Paper sizes by name. */
  public enum PageSizeName {
    a4(PageSize.A4),
    letter(PageSize.LETTER);

    final PageSize size;

    PageSizeName(PageSize s) {
      this.size = s;
    }
  }

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "INPUT", description = "documents to render")
  List<Path> inputs;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "OUT.tif",
      description = "the TIFF file to write")
  Path output;

  @Option(
      names = "--resolution",
      defaultValue = "fine",
      description = "fine (204x196) or normal (204x98); default ${DEFAULT-VALUE}")
  ResolutionName resolution;

  @Option(
      names = "--compression",
      defaultValue = "mh",
      description = "mh (T.4 1-D), mr (T.4 2-D) or mmr (T.6); default ${DEFAULT-VALUE}")
  CompressionName compression;

  @Option(
      names = "--page-size",
      defaultValue = "a4",
      description = "a4 or letter; default ${DEFAULT-VALUE}")
  PageSizeName pageSize;

  @Option(
      names = "--time-limit",
      defaultValue = "60",
      description = "seconds allowed per document; default ${DEFAULT-VALUE}")
  int timeLimitSeconds;

  @Option(
      names = "--max-pages",
      defaultValue = "" + RenderOptions.DEFAULT_MAX_PAGES,
      description = "most pages per document; default ${DEFAULT-VALUE}")
  int maxPages;

  /** PostScript engines by name. */
  public enum PostScriptName {
    ghost4j(PostScriptEngine.GHOST4J),
    process(PostScriptEngine.PROCESS);

    final PostScriptEngine engine;

    PostScriptName(PostScriptEngine e) {
      this.engine = e;
    }
  }

  @Option(
      names = "--postscript",
      defaultValue = "ghost4j",
      description =
          "ghost4j (libgs in this process) or process (a gs process per document);"
              + " default ${DEFAULT-VALUE}")
  PostScriptName postScript;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (timeLimitSeconds < 1 || maxPages < 1) {
      err.println("faxgw render: --time-limit and --max-pages must be positive");
      err.flush();
      return 2;
    }
    RenderOptions o =
        RenderOptions.defaults()
            .withResolution(resolution.resolution)
            .withPageSize(pageSize.size)
            .withTimeLimit(Duration.ofSeconds(timeLimitSeconds))
            .withMaxPages(maxPages);
    // in this process, without a worker pool: a one-shot command may host libgs
    FaxRenderer renderer =
        new FaxRenderer(Runtime.getRuntime().availableProcessors(), postScript.engine);
    boolean terminal = System.console() != null;
    List<BilevelPage> all = new ArrayList<>();
    long start = System.nanoTime();
    for (Path in : inputs) {
      String name = String.valueOf(in.getFileName());
      long t0 = System.nanoTime();
      List<BilevelPage> pages;
      DocumentType type;
      try {
        type = FaxRenderer.detect(in, null);
        FaxRenderer.ProgressListener progress =
            terminal
                ? (done, total) -> {
                  synchronized (err) {
                    err.print(
                        "\rrendering "
                            + name
                            + ": page "
                            + done
                            + (total > 0 ? " of " + total : "")
                            + "   ");
                    err.flush();
                  }
                }
                : FaxRenderer.ProgressListener.NONE;
        pages = renderer.render(in, null, o, progress);
        if (terminal) {
          err.print("\r\033[K");
          err.flush();
        }
      } catch (RenderException e) {
        return fail(err, terminal, name + ": " + e.getMessage());
      } catch (NoSuchFileException e) {
        return fail(err, terminal, name + ": no such file");
      } catch (IOException e) {
        return fail(err, terminal, name + ": cannot read: " + e.getMessage());
      }
      all.addAll(pages);
      out.printf(
          Locale.ROOT,
          "%s: %d page%s, %s, %d ms%n",
          name,
          pages.size(),
          pages.size() == 1 ? "" : "s",
          type,
          (System.nanoTime() - t0) / 1_000_000);
    }
    try {
      writeAtomically(all);
    } catch (IOException | RuntimeException e) {
      return fail(err, false, "cannot write " + output + ": " + e.getMessage());
    }
    out.printf(
        Locale.ROOT,
        "%s: %d page%s, %s %s %s, %d ms%n",
        output,
        all.size(),
        all.size() == 1 ? "" : "s",
        compression.compression,
        resolution.resolution,
        pageSize.size,
        (System.nanoTime() - start) / 1_000_000);
    out.flush();
    return 0;
  }

  private void writeAtomically(List<BilevelPage> pages) throws IOException {
    Path abs = output.toAbsolutePath();
    DurableFiles.write(abs, os -> FaxTiffWriter.write(pages, compression.compression, os));
  }

  private static int fail(PrintWriter err, boolean terminal, String reason) {
    if (terminal) {
      err.print("\r\033[K");
    }
    err.println("faxgw render: " + reason);
    err.flush();
    return 1;
  }
}
