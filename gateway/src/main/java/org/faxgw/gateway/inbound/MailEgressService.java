package org.faxgw.gateway.inbound;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.faxgw.gateway.config.EgressSection;
import org.faxgw.gateway.config.FaxgwConfig;
import org.faxgw.gateway.config.RoutingSection;
import org.faxgw.mail.InboundRouting;
import org.faxgw.mail.JobNotice;
import org.faxgw.mail.MailEgress;

/**
 * The fax-to-email side of a running gateway: mail-egress's {@link MailEgress} (transport, durable
 * outbox and, for {@code faxgw serve}, its worker thread and delivery lock) from the config's
 * {@code egress} and {@code routing} sections, the received-fax pipeline and the job notifier's way
 * out. One-shot commands take the outbox's lock for one pass only and leave the outbox alone while
 * a gateway holds it.
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
    InboundRouting routing = routingSection.routing();
    MailEgress mail =
        MailEgress.open(
            dataDir,
            egressSection.toConfig(),
            routing.faxmaster(),
            clock,
            env,
            withWorker ? OUTBOX_TICK_MILLIS : 0);
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
    return start(cfg.dataPath(), cfg.egress(), cfg.routing(), clock, System.getenv(), true);
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
