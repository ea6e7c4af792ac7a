package org.faxgw.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The bench jar's entry point, {@code faxgw bench ...}: {@code bin/faxgw} runs this jar for {@code
 * bench} and the product jar for every other command.
 */
@Command(
    name = "faxgw",
    mixinStandardHelpOptions = true,
    version = "faxgw 0.1.0",
    description =
        "faxgw's tools: benchmarks and the in-memory loopback call (the product's commands are in the gateway jar).",
    subcommands = {BenchCommand.class, org.faxgw.bench.loopback.LoopbackCommand.class})
public final class BenchMain implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code, without exiting (for tests). */
  public static int run(String... args) {
    return new CommandLine(new BenchMain()).execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
