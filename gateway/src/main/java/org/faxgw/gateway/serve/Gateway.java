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
import org.faxgw.gateway.config.FaxgwConfig;
import org.faxgw.gateway.config.HfaxdConfig;
import org.faxgw.gateway.config.SmtpConfig;
import org.faxgw.gateway.config.StoreConfig;
import org.faxgw.gateway.hfaxd.HfaxdServer;
import org.faxgw.gateway.hfaxd.HfaxdSettings;
import org.faxgw.gateway.http.GatewayHttpServer;
import org.faxgw.queue.DialingRules;
import org.faxgw.queue.DocumentSpool;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.JobDefaults;
import org.faxgw.queue.JobListener;
import org.faxgw.queue.JobScheduler;
import org.faxgw.queue.JobState;
import org.faxgw.queue.JobStore;
import org.faxgw.queue.PostgresJobStore;
import org.faxgw.queue.SqliteJobStore;
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
  private final JobStore store;
  private final DocumentSpool spool;

  /**
   * Shared spool folders no job refers to are removed at start when their files are this old: an
   * acceptance (files, then the job) takes seconds, so an older one is a dead node's leftover.
   */
  private static final java.time.Duration SHARED_SWEEP_AGE = java.time.Duration.ofHours(1);

  private final RenderWorkers render;
  private final QueueTimer timer;
  private final JobService jobs;
  private final SmtpIngressServer smtp;
  private final GatewayHttpServer admin;
  private final AccountsStore accounts;
  private final SmtpAuthenticator smtpAuth;
  private final HfaxdServer hfaxd;
  private volatile JobListener listener;
  private final org.faxgw.gateway.line.FaxLineService lines;
  private final Clock clock;
  private final org.faxgw.gateway.policy.OutboundGate outbound;
  private final java.util.concurrent.atomic.AtomicReference<DialingRules> dialing =
      new java.util.concurrent.atomic.AtomicReference<>();
  private final java.util.concurrent.atomic.AtomicReference<Map<String, String>> smtpUsers =
      new java.util.concurrent.atomic.AtomicReference<>(Map.of());
  private final org.faxgw.gateway.events.GatewayEvents events =
      new org.faxgw.gateway.events.GatewayEvents();
  private final org.faxgw.gateway.events.GatewayWatcher watcher;
  private final org.faxgw.gateway.metrics.GatewayMetrics metrics;
  private volatile org.faxgw.gateway.api.MailAccess mail;

  /**
   * @param listener told when a job ends (the wiring connects sender notifications here)
   */
  public Gateway(FaxgwConfig config, Clock clock, JobListener listener) throws IOException {
    this(config, clock, listener, null);
  }

  /**
   * @param engines the IAX2 endpoint and T.30 engine the fax lines run on, or null when {@code
   *     iax2} is not configured (jobs then wait as "Waiting for a fax line")
   */
  public Gateway(
      FaxgwConfig config,
      Clock clock,
      JobListener listener,
      org.faxgw.gateway.line.FaxLineService.Engines engines)
      throws IOException {
    this.config = config;
    this.clock = clock;
    this.listener = listener;
    Path data = config.dataPath();
    Files.createDirectories(data);
    this.store = new org.faxgw.gateway.events.ObservedJobStore(openStore(config, data), events);
    this.spool = new DocumentSpool(data.resolve("spool"), store.sharedFiles());
    JobListener relay =
        new JobListener() {
          @Override
          public void jobEnded(FaxJob job) {
            Gateway.this.listener.jobEnded(job);
          }

          @Override
          public void jobRequeued(FaxJob job) {
            Gateway.this.listener.jobRequeued(job);
          }
        };
    this.dialing.set(config.dialing().rules());
    java.util.function.Supplier<DialingRules> rules = dialing::get;
    this.lines =
        engines == null || config.fax().lines().isEmpty()
            ? null
            : org.faxgw.gateway.line.FaxLineService.create(
                config, store, rules, engines, relay, clock);
    if (engines != null && lines == null) {
      log.warn("iax2 is configured but fax.lines is empty: no fax line; jobs wait");
    }
    // Without a sending line, ready jobs wait honestly.
    JobScheduler scheduler = new JobScheduler(lines != null && lines.canSend());
    RenderOptions ro =
        new RenderOptions(
            "normal".equals(config.render().resolution()) ? Resolution.NORMAL : Resolution.FINE,
            "letter".equals(config.render().pageSize()) ? PageSize.LETTER : PageSize.A4,
            config.render().timeLimit(),
            config.render().maxPages(),
            config.render().maxPixels());
    this.outbound =
        new org.faxgw.gateway.policy.OutboundGate(
            config.outbound().policy(), new org.faxgw.gateway.policy.UsageLedger(store), clock);
    this.render =
        new RenderWorkers(
            config.render(),
            ro,
            store,
            spool,
            scheduler,
            relay,
            clock,
            outbound,
            org.faxgw.gateway.line.FaxLineService.owner(config.fax()),
            config.fax().leaseTtl());
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
    org.faxgw.gateway.line.FaxLineService sending = lines;
    this.jobs =
        new JobService(
            store,
            spool,
            rules,
            defaults,
            clock,
            this::accepted,
            id -> {
              if (sending != null) {
                sending.jobRemoved(id);
              }
            });
    Spooler spooler = new Spooler(store, spool, defaults, clock, this::accepted);
    this.accounts = new AccountsStore(config.accountsFile());
    SmtpIngressConfig smtpSettings = smtpConfig(config.smtp(), data, accounts, smtpUsers);
    this.smtpAuth = smtpSettings.authenticator();
    this.smtp =
        new SmtpIngressServer(
            smtpSettings, rules, spooler, new org.faxgw.gateway.policy.SmtpOutboundCheck(outbound));
    List<org.faxgw.gateway.line.Line> lineList = lines == null ? List.of() : lines.lines().lines();
    this.watcher =
        new org.faxgw.gateway.events.GatewayWatcher(lineList, data.resolve("recvq"), events);
    this.metrics =
        new org.faxgw.gateway.metrics.GatewayMetrics(store, lineList, events, () -> mail, clock);
    render.onRendered(metrics::renderedPages);
    smtp.onReply(metrics::smtpReply);
    if (engines != null
        && engines.endpoint() instanceof org.faxgw.iax2.transport.NettyIax2Endpoint n) {
      metrics.mediaTicks(n.lateness()::snapshot);
    }
    this.admin =
        new GatewayHttpServer(
            config,
            jobs,
            lineList,
            new org.faxgw.gateway.api.ApiDeps(
                jobs,
                store,
                data,
                lineList,
                accounts,
                new org.faxgw.gateway.api.SessionStore(config.admin().sessionTimeout(), clock),
                new org.faxgw.gateway.accounts.LoginThrottle(
                    config.admin().maxLoginFailures(), config.admin().loginLockout(), clock),
                events,
                () -> mail,
                clock,
                config.admin().tls().enabled()),
            metrics::scrape);
    this.hfaxd =
        config.hfaxd().listen() == null
            ? null
            : new HfaxdServer(hfaxdSettings(config, spool), accounts, jobs, clock);
  }

  /** The running mail service, for the console's outbox view and re-delivery. */
  public void setMail(org.faxgw.gateway.api.MailAccess m) {
    this.mail = m;
  }

  /** The gateway's events (job changes, line states, received faxes). */
  public org.faxgw.gateway.events.GatewayEvents events() {
    return events;
  }

  /** The gateway's meters (Prometheus). */
  public org.faxgw.gateway.metrics.GatewayMetrics metrics() {
    return metrics;
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
    render.start();
    recover();
    timer.start();
    if (lines != null) {
      lines.start();
    }
    watcher.start(1000);
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
    // with store: postgresql, the shared files of messages a node that died never committed
    int sharedSwept = spool.sweepShared(store::spoolFolders, SHARED_SWEEP_AGE.toMillis());
    if (sharedSwept > 0) {
      log.info("removed {} shared spool folder(s) no job refers to", sharedSwept);
    }
    if (lines != null) {
      // calls this gateway had going before it stopped are gone: their jobs go back to the queue
      // and resume after their last confirmed page; other nodes' lapsed leases too
      for (FaxJob j :
          store.requeueExpired(
              clock.instant(),
              lines.owner(),
              org.faxgw.gateway.line.dispatch.InterruptedCall.requeueStatus(
                  "Requeued after a gateway restart"))) {
        log.info(
            "job {}: requeued after a restart ({} page(s) confirmed before)",
            j.id(),
            j.progress().pagesConfirmed());
      }
    } else if (config.store().isPostgresql()) {
      // a shared database: active jobs may be another node's live calls; only lapsed leases
      store.requeueExpired(clock.instant(), null, JobScheduler.NO_LINE);
    } else {
      for (FaxJob j : store.list(java.util.EnumSet.of(JobState.ACTIVE))) {
        store.update(j.withState(JobState.READY, JobScheduler.NO_LINE), JobState.ACTIVE);
      }
    }
    // each is rendered here unless another node holds its render lease (the claim decides)
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

  static HfaxdSettings hfaxdSettings(FaxgwConfig c, DocumentSpool spool) {
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
        c.smtp().hostName(),
        spool,
        c.dataPath().resolve("log"),
        "all".equals(h.recvqVisibleTo()));
  }

  public int adminPort() {
    return admin.address().getPort();
  }

  /** Enables the admin API's {@code POST /v1/reload}. */
  public void setReloadHook(GatewayHttpServer.ReloadHook hook) {
    admin.setReloadHook(hook);
  }

  /**
   * A reload ({@link ConfigReload}): puts the dialing rules, the {@code smtp.users}, the outbound
   * policy and, when there are fax lines, their peers, lines, tagline, station ids, inbound routing
   * and limits and capture choices of {@code next} in force, and reads the accounts file again.
   * {@code next} holds only what may change while running (ConfigReload keeps the rest).
   *
   * @return what changed, one entry per part
   * @throws IllegalStateException when the new IAX2 peers cannot be used; nothing changed
   */
  public List<String> reload(FaxgwConfig running, FaxgwConfig next) {
    List<String> said = new java.util.ArrayList<>();
    if (lines != null) {
      said.addAll(lines.reload(running, next)); // first: only the peers can fail
    }
    if (!next.dialing().equals(running.dialing())) {
      dialing.set(next.dialing().rules());
      said.add("dialing");
    }
    if (!next.smtp().users().equals(running.smtp().users())) {
      smtpUsers.set(smtpUsers(next.smtp()));
      said.add("smtp.users");
    }
    if (!next.outbound().equals(running.outbound())) {
      outbound.replace(next.outbound().policy());
      said.add("outbound");
    }
    accounts.refresh();
    return said;
  }

  /** What SMTP AUTH asks (for tests of reload). */
  SmtpAuthenticator smtpAuthenticator() {
    return smtpAuth;
  }

  /** Whether fax lines run (a reload cannot start them: that needs a restart). */
  public boolean hasLines() {
    return lines != null;
  }

  /** The outbound policy in force (replaced on reload). */
  public org.faxgw.gateway.policy.OutboundGate outbound() {
    return outbound;
  }

  public JobService jobs() {
    return jobs;
  }

  /** The render worker pool (started by {@link #start()}). */
  public org.faxgw.render.worker.RenderWorkerPool renderWorkers() {
    return render.workers();
  }

  /**
   * The first half of a graceful stop: new mail gets 421, new calls are rejected and none is
   * placed, and calls in progress may finish within {@code timeout}. {@link #close()} then stops.
   *
   * @return true when no call was cut off
   */
  public boolean drain(java.time.Duration timeout) throws InterruptedException {
    log.info("faxgw draining (up to {})", timeout);
    smtp.drain();
    return lines == null || lines.drain(timeout);
  }

  @Override
  public void close() {
    log.info("faxgw stopping");
    if (hfaxd != null) {
      closeQuietly(hfaxd);
    }
    closeQuietly(smtp);
    closeQuietly(admin);
    closeQuietly(watcher);
    if (lines != null) {
      closeQuietly(lines);
    }
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

  /** The users of {@code smtp.users}, by name (a reload replaces them). */
  static Map<String, String> smtpUsers(SmtpConfig s) {
    Map<String, String> users = new LinkedHashMap<>();
    for (SmtpConfig.SmtpUser u : s.users()) {
      users.put(u.name(), u.password());
    }
    return Map.copyOf(users);
  }

  /**
   * SMTP AUTH checks the users of {@code smtp.users} (SHA-512 crypt, kept for old files; {@code
   * users} holds them and a reload replaces them) and then the accounts store.
   */
  static SmtpIngressConfig smtpConfig(
      SmtpConfig s,
      Path data,
      AccountsStore accounts,
      java.util.concurrent.atomic.AtomicReference<Map<String, String>> users)
      throws IOException {
    SSLContext tls = null;
    if (s.tls().keystore() != null) {
      tls = sslContext(Path.of(s.tls().keystore()), s.tls().keystorePassword().toCharArray());
    }
    users.set(smtpUsers(s));
    SmtpAuthenticator auth =
        (user, password, client) -> {
          String hash = users.get().get(user);
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

  /** The job store the config names: SQLite under dataDir, or PostgreSQL (migrated at start). */
  static JobStore openStore(FaxgwConfig config, Path data) {
    if (!config.store().isPostgresql()) {
      return SqliteJobStore.open(data.resolve("faxgw.db"));
    }
    StoreConfig.PostgresqlSection pg = config.store().postgresql();
    JobStore s = PostgresJobStore.open(pg.settings());
    log.info("job store: PostgreSQL {} as {}", pg.url(), pg.user());
    return s;
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
