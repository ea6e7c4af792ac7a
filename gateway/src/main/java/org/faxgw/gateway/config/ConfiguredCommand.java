package org.faxgw.gateway.config;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that needs the configuration: it takes {@code --config FILE}, and a configuration that
 * cannot be loaded ends it with {@link ConfigOption#EXIT_BAD_CONFIG} after one line saying what is
 * wrong, before {@link #run(FaxgwConfig)} is called. The one path for every such command.
 */
public abstract class ConfiguredCommand implements Callable<Integer> {
  @Mixin protected ConfigOption config;

  @Spec protected CommandSpec spec;

  /** The command's standard output. */
  protected PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /** The command's standard error. */
  protected PrintWriter err() {
    return spec.commandLine().getErr();
  }

  @Override
  public final Integer call() throws Exception {
    Optional<FaxgwConfig> loaded = config.loadOrReport();
    if (loaded.isEmpty()) {
      return ConfigOption.EXIT_BAD_CONFIG;
    }
    return run(loaded.get());
  }

  /** Runs the command with the loaded configuration and returns its exit code. */
  protected abstract int run(FaxgwConfig config) throws Exception;
}
