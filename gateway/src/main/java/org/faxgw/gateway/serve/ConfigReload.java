package org.faxgw.gateway.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.faxgw.gateway.config.ConfigException;
import org.faxgw.gateway.config.FaxgwConfig;
import org.faxgw.gateway.config.ReloadSplit;
import org.faxgw.gateway.inbound.ReceivedFaxPipeline;
import org.faxgw.mail.InboundRouting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGHUP and {@code faxgw reload}: reads the configuration file again and, when it is valid, puts
 * the parts that can change while calls are up in force ({@link ReloadSplit} says which): the
 * dialing rules, inbound routing, outbound policy, {@code smtp.users}, the IAX2 peers and users,
 * the fax lines with their tagline and station ids, the inbound limits and the capture choices; the
 * accounts file is read again. Calls in progress go on as they began. Every other change (listen
 * addresses, dataDir, the store, …) is not applied: the running value is kept and the answer says
 * so, key by key. A file that does not load, or new peers that cannot be used, are refused with the
 * reason and nothing changes.
 */
public final class ConfigReload {
  private static final Logger log = LoggerFactory.getLogger(ConfigReload.class);

  /** Reads the file (as at start-up). */
  @FunctionalInterface
  public interface Source {
    FaxgwConfig load() throws ConfigException;
  }

  /** Puts the reloadable parts in force ({@link Gateway#reload}). */
  @FunctionalInterface
  public interface Target {
    /**
     * @return what changed, one entry per part
     * @throws IllegalStateException when {@code next} cannot be put in force; nothing changed
     */
    List<String> apply(FaxgwConfig running, FaxgwConfig next);
  }

  private final Source source;
  private final Target target;
  private final Consumer<InboundRouting> routing;
  private final boolean linesRunning;
  private FaxgwConfig running;

  public ConfigReload(
      Source source, FaxgwConfig running, Gateway gateway, ReceivedFaxPipeline pipeline) {
    this(source, running, gateway::reload, pipeline::replaceRouting, gateway.hasLines());
  }

  /**
   * @param routing where new inbound routing rules go (the received-fax pipeline)
   * @param linesRunning whether fax lines run; without them their sections need a restart
   */
  public ConfigReload(
      Source source,
      FaxgwConfig running,
      Target target,
      Consumer<InboundRouting> routing,
      boolean linesRunning) {
    this.source = source;
    this.running = running;
    this.target = target;
    this.routing = routing;
    this.linesRunning = linesRunning;
  }

  /** The configuration in force (what the file said at the last start or reload that applied). */
  public synchronized FaxgwConfig running() {
    return running;
  }

  /**
   * @return what changed, and what was kept because it needs a restart
   * @throws ConfigException the file's problem, or why its peers cannot be used; nothing changed
   */
  public synchronized String reload() throws ConfigException {
    FaxgwConfig next;
    try {
      next = source.load();
    } catch (ConfigException e) {
      log.error("reload refused, running configuration kept: {}", e.getMessage());
      throw e;
    }
    ReloadSplit split = ReloadSplit.of(running, next, linesRunning);
    FaxgwConfig merged = split.merged();
    List<String> applied = new ArrayList<>();
    try {
      applied.addAll(target.apply(running, merged));
    } catch (IllegalStateException | UnsupportedOperationException e) {
      log.error("reload refused, running configuration kept: {}", e.getMessage());
      throw new ConfigException("reload refused, running configuration kept: " + e.getMessage());
    }
    if (!merged.routing().equals(running.routing())) {
      routing.accept(merged.routing().routing());
      applied.add(0, "routing");
    }
    running = merged;
    String msg =
        (applied.isEmpty() ? "nothing to reload" : "reloaded " + String.join(", ", applied))
            + "; accounts file read again"
            + (split.needRestart().isEmpty() ? "" : "; " + String.join("; ", split.needRestart()));
    log.info("configuration: {}", msg);
    return msg;
  }
}
