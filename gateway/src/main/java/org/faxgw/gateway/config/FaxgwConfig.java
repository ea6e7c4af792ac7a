package org.faxgw.gateway.config;

import java.nio.file.Path;

/**
 * The whole configuration file. Each component is one top-level section; a missing section takes
 * its defaults. To add a section, add a component here whose record follows the pattern of {@link
 * SmtpConfig} (nullable components, defaults filled in by the compact constructor).
 *
 * @param dataDir where the job database and the spool live; relative paths are resolved against the
 *     working directory (default {@code var})
 * @param store where jobs live: the embedded SQLite (default) or a shared PostgreSQL
 */
public record FaxgwConfig(
    String dataDir,
    SmtpConfig smtp,
    DialingConfig dialing,
    JobsConfig jobs,
    RenderConfig render,
    AdminConfig admin,
    EgressSection egress,
    RoutingSection routing,
    FaxLineConfig fax,
    Iax2Section iax2,
    StoreConfig store,
    AccountsConfig accounts,
    HfaxdConfig hfaxd,
    OutboundSection outbound,
    ShutdownSection shutdown,
    ReceiveSection receive,
    CaptureSection capture) {

  /** The embedded default data folder, relative to the working directory. */
  public static final String DEFAULT_DATA_DIR = "var";

  public FaxgwConfig {
    dataDir = dataDir == null ? DEFAULT_DATA_DIR : dataDir;
    if (dataDir.isBlank()) {
      throw new IllegalArgumentException("dataDir must not be empty");
    }
    smtp = smtp == null ? SmtpConfig.defaults() : smtp;
    dialing = dialing == null ? DialingConfig.defaults() : dialing;
    jobs = jobs == null ? JobsConfig.defaults() : jobs;
    render = render == null ? RenderConfig.defaults() : render;
    admin = admin == null ? AdminConfig.defaults() : admin;
    egress = egress == null ? EgressSection.defaults() : egress;
    routing = routing == null ? RoutingSection.defaults() : routing;
    fax = fax == null ? FaxLineConfig.defaults() : fax;
    iax2 = iax2 == null ? Iax2Section.defaults() : iax2;
    store = store == null ? StoreConfig.defaults() : store;
    accounts = accounts == null ? AccountsConfig.defaults() : accounts;
    hfaxd = hfaxd == null ? HfaxdConfig.defaults() : hfaxd;
    outbound = outbound == null ? OutboundSection.defaults() : outbound;
    shutdown = shutdown == null ? ShutdownSection.defaults() : shutdown;
    receive = receive == null ? ReceiveSection.defaults() : receive;
    capture = capture == null ? CaptureSection.defaults() : capture;
  }

  /** The configuration used when there is no file at all. */
  public static FaxgwConfig defaults() {
    return new FaxgwConfig(
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null);
  }

  /** {@link #dataDir()} as an absolute path. */
  /** The accounts file. */
  public Path accountsFile() {
    return accounts.path(dataPath());
  }

  public Path dataPath() {
    return Path.of(dataDir).toAbsolutePath().normalize();
  }
}
