package org.faxgw.gateway;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code faxgw} command: one process for the gateway and its tools. */
@Command(
    name = "faxgw",
    mixinStandardHelpOptions = true,
    version = "faxgw 0.1.0",
    description = "Email-to-fax and fax-to-email gateway.",
    subcommands = {
      // Each command is its own class; add yours here, one per line.
      ServeCommand.class,
      ReloadCommand.class,
      SendfaxCommand.class,
      FaxstatCommand.class,
      FaxrmCommand.class,
      org.faxgw.gateway.inbound.FaxrcvdCommand.class,
      org.faxgw.gateway.inbound.OutboxCommand.class,
      org.faxgw.gateway.analyze.AnalyzeCommand.class,
      RenderCommand.class,
      org.faxgw.gateway.probe.Iax2Command.class,
      org.faxgw.gateway.accounts.UserCommand.class,
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code, without exiting (for tests). */
  public static int run(String... args) {
    return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
