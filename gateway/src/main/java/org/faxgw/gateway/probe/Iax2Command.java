package org.faxgw.gateway.probe;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code faxgw iax2}: IAX2 line tools. */
@Command(
    name = "iax2",
    mixinStandardHelpOptions = true,
    description = "IAX2 line tools.",
    subcommands = {Iax2ProbeCommand.class})
public final class Iax2Command implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
