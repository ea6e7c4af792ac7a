package org.faxgw.gateway.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.faxgw.gateway.config.ConfigException;
import org.faxgw.gateway.config.FaxgwConfig;
import org.faxgw.gateway.inbound.ReceivedFaxPipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGHUP and {@code faxgw reload}: reads the configuration file again and, when it is valid, puts
 * the parts that can change while calls are up in force: the inbound routing rules and the outbound
 * policy. A file that does not load is refused with its {@code file:line} message and the running
 * configuration stays. Calls in progress are not touched. Other changed sections are named as
 * needing a restart.
 */
public final class ConfigReload {
  private static final Logger log = LoggerFactory.getLogger(ConfigReload.class);

  /** Reads the file (as at start-up). */
  @FunctionalInterface
  public interface Source {
    FaxgwConfig load() throws ConfigException;
  }

  private final Source source;
  private final Gateway gateway;
  private final ReceivedFaxPipeline pipeline;
  private FaxgwConfig running;

  public ConfigReload(
      Source source, FaxgwConfig running, Gateway gateway, ReceivedFaxPipeline pipeline) {
    this.source = source;
    this.running = running;
    this.gateway = gateway;
    this.pipeline = pipeline;
  }

  /**
   * @return what changed
   * @throws ConfigException the file's problem; nothing changed
   */
  public synchronized String reload() throws ConfigException {
    FaxgwConfig next;
    try {
      next = source.load();
    } catch (ConfigException e) {
      log.error("reload refused, running configuration kept: {}", e.getMessage());
      throw e;
    }
    List<String> applied = new ArrayList<>();
    if (!next.routing().equals(running.routing())) {
      pipeline.replaceRouting(next.routing().routing());
      applied.add("routing");
    }
    if (!next.outbound().equals(running.outbound())) {
      gateway.outbound().replace(next.outbound().policy());
      applied.add("outbound");
    }
    List<String> restart = new ArrayList<>();
    for (var rc : FaxgwConfig.class.getRecordComponents()) {
      String name = rc.getName();
      if (name.equals("routing") || name.equals("outbound")) {
        continue;
      }
      try {
        if (!Objects.equals(rc.getAccessor().invoke(next), rc.getAccessor().invoke(running))) {
          restart.add(name);
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    running = next;
    String msg =
        (applied.isEmpty() ? "nothing to reload" : "reloaded " + String.join(", ", applied))
            + (restart.isEmpty()
                ? ""
                : "; needs a restart to change: " + String.join(", ", restart));
    log.info("configuration: {}", msg);
    return msg;
  }
}
