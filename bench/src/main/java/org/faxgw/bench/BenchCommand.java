package org.faxgw.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code faxgw bench}: speed of our code beside the reference tools, printed as ratios. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measure speed against the reference tools (prints ratios; asserts nothing).",
    subcommands = {
      // One class per benchmark; add yours here, one per line.
      org.faxgw.bench.received.ReceivedPdfBench.class,
      org.faxgw.bench.render.RenderBench.class,
      org.faxgw.bench.codec.CodecBench.class,
    })
public final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
