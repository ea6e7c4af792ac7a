package org.faxgw.gateway.config;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --config FILE} option every command takes (default {@code conf/faxgw.yaml}). */
public final class ConfigOption {
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
}
