package org.faxgw.gateway.serve;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.faxgw.gateway.accounts.AccountsStore;
import org.faxgw.gateway.admin.AdminServer;
import org.faxgw.gateway.config.FaxgwConfig;
import org.faxgw.gateway.config.HfaxdConfig;
import org.faxgw.gateway.config.SmtpConfig;
import org.faxgw.gateway.hfaxd.HfaxdServer;
import org.faxgw.gateway.hfaxd.HfaxdSettings;
import org.faxgw.queue.DialingRules;
import org.faxgw.queue.DocumentSpool;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.JobDefaults;
import org.faxgw.queue.JobListener;
import org.faxgw.queue.JobScheduler;
import org.faxgw.queue.JobState;
import org.faxgw.queue.SqliteJobStore;
import org.faxgw.render.FaxRenderer;
import org.faxgw.render.PageSize;
import org.faxgw.render.RenderOptions;
import org.faxgw.smtp.ShaCrypt;
import org.faxgw.smtp.SmtpAuthenticator;
import org.faxgw.smtp.SmtpIngressConfig;
import org.faxgw.smtp.SmtpIngressServer;
import org.faxgw.smtp.Spooler;
import org.faxgw.smtp.mime.MimeLimits;
import org.faxgw.t4.Resolution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway process: opens the store and spool under dataDir, recovers what a crash left (renders
 * pending jobs again, sweeps unreferenced spool folders), then starts render workers, queue timer,
 * admin API and SMTP, in that order; {@link #close()} stops them in reverse.
 */
public final class Gateway implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Gateway.class);

  private final FaxgwConfig config;
  private final SqliteJobStore store;
  private final DocumentSpool spool;
  private final RenderWorkers render;
  private final QueueTimer timer;
  private final JobService jobs;
  private final SmtpIngressServer smtp;
  private final AdminServer admin;
  private final AccountsStore accounts;
  private final HfaxdServer hfaxd;
  private volatile JobListener listener;

  /**
   * @param listener told when a job ends (the wiring connects sender notifications here)
   */
  public Gateway(FaxgwConfig config, Clock clock, JobListener listener) throws IOException {
    this.config = config;
    this.listener = listener;
    Path data = config.dataPath();
    Files.createDirectories(data);
    this.store = SqliteJobStore.open(data.resolve("faxgw.db"));
    this.spool = new DocumentSpool(data.resolve("spool"));
    JobListener relay = job -> this.listener.jobEnded(job);
    // No fax line exists yet: ready jobs wait honestly.
    JobScheduler scheduler = new JobScheduler(false);
    RenderOptions ro =
        new RenderOptions(
            "normal".equals(config.render().resolution()) ? Resolution.NORMAL : Resolution.FINE,
            "letter".equals(config.render().pageSize()) ? PageSize.LETTER : PageSize.A4,
            config.render().timeLimit(),
            config.render().maxPages(),
            config.render().maxPixels());
    FaxRenderer renderer =
        new FaxRenderer(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
    this.render =
        new RenderWorkers(
            config.render().workers(),
            store,
            new JobRenderer(renderer, ro, spool),
            spool,
            scheduler,
            relay,
            clock);
    this.timer = new QueueTimer(store, scheduler, relay, clock);
    JobDefaults defaults =
        new JobDefaults(
            config.jobs().priority(),
            config.jobs().killTime(),
            config.jobs().maxDials(),
            config.jobs().maxTries(),
            config.jobs().duplicateWindow(),
            config.render().resolution(),
            "failed");
    DialingRules rules =
        new DialingRules(
            config.dialing().countryCode(),
            config.dialing().areaCode(),
            config.dialing().longDistancePrefix(),
            config.dialing().internationalPrefix(),
            config.dialing().nationalNumberLength(),
            config.dialing().outsideLinePrefix(),
            config.dialing().localCallsWithAreaCode());
    this.jobs = new JobService(store, spool, rules, defaults, clock, this::accepted);
    Spooler spooler = new Spooler(store, spool, defaults, clock, this::accepted);
    this.accounts = new AccountsStore(config.accountsFile());
    this.smtp = new SmtpIngressServer(smtpConfig(config.smtp(), data, accounts), rules, spooler);
    this.admin = new AdminServer(config.admin().listen(), jobs, config);
    this.hfaxd =
        config.hfaxd().listen() == null
            ? null
            : new HfaxdServer(hfaxdSettings(config), accounts, jobs, clock);
  }

  /** Replaces the listener told when jobs end (for sender notifications). */
  public void setJobListener(JobListener l) {
    this.listener = l;
  }

  private void accepted(List<FaxJob> made) {
    for (FaxJob j : made) {
      render.submit(j);
    }
  }

  public void start() throws IOException {
    recover();
    timer.start();
    admin.start();
    smtp.start();
    if (hfaxd != null) {
      hfaxd.start();
      log.info("HylaFAX client protocol on {}:{}", config.hfaxd().listen().host(), hfaxd.port());
    }
    log.info(
        "faxgw started: SMTP on {}:{}, admin API on {}, data in {}",
        config.smtp().listen().host(),
        smtp.port(),
        admin.address(),
        config.dataPath());
  }

  private void recover() throws IOException {
    int swept = spool.sweep(store.spoolFolders(), System.currentTimeMillis() + 1);
    if (swept > 0) {
      log.info("removed {} spool folder(s) of messages never acknowledged", swept);
    }
    for (FaxJob j : store.list(java.util.EnumSet.of(JobState.ACTIVE))) {
      store.update(j.withState(JobState.READY, JobScheduler.NO_LINE), JobState.ACTIVE);
    }
    List<FaxJob> pending = store.list(java.util.EnumSet.of(JobState.RENDERING));
    if (!pending.isEmpty()) {
      log.info("rendering {} job(s) accepted before the restart", pending.size());
    }
    pending.forEach(render::submit);
  }

  public int smtpPort() {
    return smtp.port();
  }

  /** The HylaFAX protocol port, or -1 when it is off. */
  public int hfaxdPort() {
    return hfaxd == null ? -1 : hfaxd.port();
  }

  static HfaxdSettings hfaxdSettings(FaxgwConfig c) {
    HfaxdConfig h = c.hfaxd();
    return new HfaxdSettings(
        new java.net.InetSocketAddress(h.listen().host(), h.listen().port()),
        h.idleTimeout(),
        h.maxIdleTimeout(),
        h.dataTimeout(),
        h.maxUpload().bytes(),
        h.maxConnections(),
        h.maxLoginFailures(),
        h.loginLockout(),
        c.dataPath().resolve("hfaxd-tmp"),
        c.dataPath().resolve("recvq"),
        c.smtp().hostName());
  }

  public int adminPort() {
    return admin.address().getPort();
  }

  public JobService jobs() {
    return jobs;
  }

  @Override
  public void close() {
    log.info("faxgw stopping");
    if (hfaxd != null) {
      closeQuietly(hfaxd);
    }
    closeQuietly(smtp);
    closeQuietly(admin);
    closeQuietly(timer);
    closeQuietly(render);
    closeQuietly(store);
    log.info("faxgw stopped");
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      log.warn("while stopping: {}", e.toString());
    }
  }

  /**
   * SMTP AUTH checks the users of {@code smtp.users} (SHA-512 crypt, kept for old files) and then
   * the accounts store.
   */
  static SmtpIngressConfig smtpConfig(SmtpConfig s, Path data, AccountsStore accounts)
      throws IOException {
    SSLContext tls = null;
    if (s.tls().keystore() != null) {
      tls = sslContext(Path.of(s.tls().keystore()), s.tls().keystorePassword().toCharArray());
    }
    Map<String, String> users = new LinkedHashMap<>();
    for (SmtpConfig.SmtpUser u : s.users()) {
      users.put(u.name(), u.password());
    }
    SmtpAuthenticator auth =
        (user, password, client) -> {
          String hash = users.get(user);
          if (hash != null) {
            return ShaCrypt.verify(password, hash);
          }
          return accounts.authenticate(user, password, client).isPresent();
        };
    MimeLimits mime =
        new MimeLimits(
            s.mime().maxHeaderCount(),
            (int) Math.min(Integer.MAX_VALUE, s.mime().maxHeaderBytes().bytes()),
            (int) Math.min(Integer.MAX_VALUE, s.mime().maxLineBytes().bytes()),
            s.mime().maxDepth(),
            s.mime().maxParts(),
            MimeLimits.defaults().maxHtmlBytes());
    return new SmtpIngressConfig(
        s.listen().host(),
        s.listen().port(),
        s.hostName(),
        s.domains(),
        (int) s.maxMessageBytes().bytes(),
        s.maxRecipients(),
        s.maxConnections(),
        s.connectionTimeout(),
        s.permittedNetworks(),
        tls,
        auth,
        mime);
  }

  private static SSLContext sslContext(Path keystore, char[] password) throws IOException {
    try (InputStream in = Files.newInputStream(keystore)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, password);
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, password);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, null);
      return ctx;
    } catch (IOException e) {
      throw new IOException("cannot read smtp.tls.keystore " + keystore + ": " + e.getMessage(), e);
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException("bad smtp.tls.keystore " + keystore + ": " + e.getMessage(), e);
    }
  }
}
