package org.faxgw.mail;

import java.util.List;

/** A mail configuration that cannot be used; each problem names its line when known. */
public final class ConfigException extends Exception {
  private final List<String> problems;

  public ConfigException(List<String> problems) {
    super(String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
