package org.faxgw.gateway.config;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code --config FILE} option every command takes (default {@code conf/faxgw.yaml}), and the
 * one way a command loads it: {@link #loadOrReport()} prints what is wrong as {@code <command>:
 * <file>:<line>: <problem>} and the command ends with {@link #EXIT_BAD_CONFIG}.
 */
public final class ConfigOption {
  /** The exit code of a command whose configuration cannot be loaded. */
  public static final int EXIT_BAD_CONFIG = 2;

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Configuration file (default: conf/faxgw.yaml when it exists, else the embedded defaults).")
  Path file;

  /** The configuration, from the file or the embedded defaults. */
  public FaxgwConfig load() throws ConfigException {
    return new ConfigLoader().load(file);
  }

  /**
   * The configuration, or empty after the problem was printed on the command's error stream,
   * prefixed with the command's name ({@code faxgw} for the gateway itself, {@code serve}).
   */
  public Optional<FaxgwConfig> loadOrReport() {
    try {
      return Optional.of(load());
    } catch (ConfigException e) {
      String name = command.name().equals("serve") ? "faxgw" : command.name();
      PrintWriter err = command.commandLine().getErr();
      err.println(name + ": " + e.getMessage());
      err.flush();
      return Optional.empty();
    }
  }
}
