package org.faxgw.gateway.config;

/** The configuration cannot be used; the message reads {@code file:line: what is wrong}. */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
