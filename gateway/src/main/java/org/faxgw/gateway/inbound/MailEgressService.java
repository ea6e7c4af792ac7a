package org.faxgw.gateway.inbound;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.faxgw.gateway.config.EgressSection;
import org.faxgw.gateway.config.FaxgwConfig;
import org.faxgw.gateway.config.RoutingSection;
import org.faxgw.gateway.config.StoreConfig;
import org.faxgw.mail.InboundRouting;
import org.faxgw.mail.JobNotice;
import org.faxgw.mail.MailEgress;
import org.faxgw.mail.OutboxStore;
import org.faxgw.queue.PostgresJobStore;
import org.faxgw.queue.PostgresOutboxStore;
import org.faxgw.queue.PostgresSettings;

/**
 * The fax-to-email side of a running gateway: mail-egress's {@link MailEgress} (transport, durable
 * outbox and, for {@code faxgw serve}, its worker thread and delivery lock) from the config's
 * {@code egress} and {@code routing} sections, the received-fax pipeline and the job notifier's way
 * out. One-shot commands take the outbox's lock for one pass only and leave the outbox alone while
 * a gateway holds it. With {@code store.type: postgresql} the outbox is shared by the nodes ({@link
 * PostgresOutboxAdapter}): mails are delivered one at a time under leases, by any node.
 */
public final class MailEgressService implements AutoCloseable {
  /** How often the outbox worker looks for due messages. */
  public static final long OUTBOX_TICK_MILLIS = 5_000;

  private final MailEgress mail;
  private final ReceivedFaxPipeline pipeline;

  private MailEgressService(MailEgress mail, ReceivedFaxPipeline pipeline) {
    this.mail = mail;
    this.pipeline = pipeline;
  }

  /**
   * Builds the service.
   *
   * @param dataDir the gateway's data directory
   * @param env the process environment (relay password)
   * @param withWorker start the outbox thread (false for one-shot commands, which call {@link
   *     #deliverNow()})
   * @throws IllegalArgumentException when the relay cannot be used (e.g. its password variable is
   *     not set)
   */
  public static MailEgressService start(
      Path dataDir,
      EgressSection egressSection,
      RoutingSection routingSection,
      Clock clock,
      Map<String, String> env,
      boolean withWorker)
      throws IOException {
    return start(
        dataDir,
        egressSection,
        routingSection,
        clock,
        env,
        withWorker,
        new CommIdAllocator(dataDir));
  }

  /**
   * As {@link #start(Path, EgressSection, RoutingSection, Clock, Map, boolean)}, numbering received
   * faxes with {@code commIds} (the cluster's sequence with {@code store: postgresql}).
   */
  public static MailEgressService start(
      Path dataDir,
      EgressSection egressSection,
      RoutingSection routingSection,
      Clock clock,
      Map<String, String> env,
      boolean withWorker,
      CommIdAllocator commIds)
      throws IOException {
    return start(dataDir, egressSection, routingSection, clock, env, withWorker, commIds, null);
  }

  /**
   * Builds the service for {@code cfg}: with {@code store.type: postgresql} the outbox is the
   * cluster's, shared through PostgreSQL ({@link #sharedOutbox}); else {@code <dataDir>/outbox/}.
   */
  public static MailEgressService start(
      FaxgwConfig cfg, Clock clock, Map<String, String> env, boolean withWorker)
      throws IOException {
    return start(cfg, clock, env, withWorker, new CommIdAllocator(cfg.dataPath()));
  }

  /**
   * As {@link #start(FaxgwConfig, Clock, Map, boolean)}, numbering received faxes with {@code
   * commIds} (the cluster's sequence with {@code store: postgresql}).
   */
  public static MailEgressService start(
      FaxgwConfig cfg,
      Clock clock,
      Map<String, String> env,
      boolean withWorker,
      CommIdAllocator commIds)
      throws IOException {
    OutboxStore store = sharedOutbox(cfg, clock);
    try {
      return start(
          cfg.dataPath(), cfg.egress(), cfg.routing(), clock, env, withWorker, commIds, store);
    } catch (IOException | RuntimeException e) {
      if (store != null) {
        store.close();
      }
      throw e;
    }
  }

  /**
   * The outbox in PostgreSQL when the config's store is PostgreSQL (a small pool of its own on the
   * job database, migrated like the job store; leases of {@code egress.outboxLease} owned by {@code
   * fax.node}), else null (the folder outbox).
   */
  static OutboxStore sharedOutbox(FaxgwConfig cfg, Clock clock) {
    if (!cfg.store().isPostgresql()) {
      return null;
    }
    StoreConfig.PostgresqlSection pg = cfg.store().postgresql();
    PostgresJobStore db =
        PostgresJobStore.open(
            new PostgresSettings(
                pg.url(),
                pg.user(),
                pg.password(),
                Math.min(2, pg.poolSize()),
                "node".equals(pg.leaseClock())
                    ? PostgresSettings.LeaseClock.CALLER
                    : PostgresSettings.LeaseClock.DATABASE));
    PostgresOutboxStore outbox =
        new PostgresOutboxStore(
            db.transactions(),
            db.databaseClock(),
            cfg.fax().leaseOwner(),
            cfg.egress().outboxLease());
    return new PostgresOutboxAdapter(outbox, clock, db::close);
  }

  private static MailEgressService start(
      Path dataDir,
      EgressSection egressSection,
      RoutingSection routingSection,
      Clock clock,
      Map<String, String> env,
      boolean withWorker,
      CommIdAllocator commIds,
      OutboxStore store)
      throws IOException {
    InboundRouting routing = routingSection.routing();
    MailEgress mail =
        MailEgress.open(
            dataDir,
            egressSection.toConfig(),
            routing.faxmaster(),
            clock,
            env,
            withWorker ? OUTBOX_TICK_MILLIS : 0,
            store);
    ReceivedFaxPipeline pipeline =
        new ReceivedFaxPipeline(commIds, dataDir.resolve("recvq"), routing, mail, clock);
    return new MailEgressService(mail, pipeline);
  }

  /**
   * The service for {@code faxgw serve}: from the config's egress and routing sections, with the
   * outbox thread running. Wire it with {@code gateway.setJobListener(new JobNotifier(svc, clock))}
   * and close it after the gateway.
   */
  public static MailEgressService forServe(FaxgwConfig cfg, Clock clock) throws IOException {
    return start(cfg, clock, System.getenv(), true);
  }

  public ReceivedFaxPipeline pipeline() {
    return pipeline;
  }

  /** FaxMaster's address. */
  public String faxmaster() {
    return mail.faxmaster();
  }

  /** The mail egress: the outbox's waiting mails, a flush, the delivery lock. */
  public MailEgress mail() {
    return mail;
  }

  public String transportDescription() {
    return mail.transportDescription();
  }

  /**
   * Tells a job's sender what happened, when the job's notify setting asks for it (failures
   * always). Returns the outbox id, or null when nothing was sent.
   */
  public String notifyJob(JobNotice notice) throws IOException {
    return mail.notifyJob(notice);
  }

  /** One delivery pass on the calling thread. */
  public int deliverNow() {
    return mail.deliverNow();
  }

  @Override
  public void close() {
    mail.close();
  }
}
