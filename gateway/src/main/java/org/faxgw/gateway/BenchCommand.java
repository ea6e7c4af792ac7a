package org.faxgw.gateway;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code faxgw bench}: speed of our code beside the reference tools, printed as ratios. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measure speed against the reference tools (prints ratios; asserts nothing).",
    subcommands = {
      // One class per benchmark; add yours here, one per line.
      org.faxgw.gateway.inbound.ReceivedPdfBench.class,
      org.faxgw.gateway.bench.RenderBench.class,
      org.faxgw.gateway.bench.CodecBench.class,
    })
public final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
