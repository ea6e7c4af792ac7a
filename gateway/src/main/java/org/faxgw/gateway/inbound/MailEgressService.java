package org.faxgw.gateway.inbound;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.faxgw.gateway.config.EgressSection;
import org.faxgw.gateway.config.FaxgwConfig;
import org.faxgw.gateway.config.RoutingSection;
import org.faxgw.mail.EgressConfig;
import org.faxgw.mail.InboundRouting;
import org.faxgw.mail.JobNotice;
import org.faxgw.mail.JobNotificationMail;
import org.faxgw.mail.MailTransport;
import org.faxgw.mail.MaildirTransport;
import org.faxgw.mail.Outbox;
import org.faxgw.mail.OutboxPolicy;
import org.faxgw.mail.OutboxWorker;
import org.faxgw.mail.ReceivedFaxMail;
import org.faxgw.mail.SmtpRelayTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fax-to-email side of a running gateway: the transport (SMTP relay, or Maildirs under {@code
 * <dataDir>/mail/} when no relay is configured), the durable outbox in {@code <dataDir>/outbox/}
 * with its worker thread, the received-fax pipeline and the job notifier. With the worker, the
 * service holds the outbox's inter-process delivery lock until {@link #close}; one-shot commands
 * take it for one pass only and leave the outbox alone while a gateway holds it.
 */
public final class MailEgressService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MailEgressService.class);

  /** How often the outbox worker looks for due messages. */
  public static final long OUTBOX_TICK_MILLIS = 5_000;

  private final Outbox outbox;
  private final OutboxWorker worker;
  private final ReceivedFaxPipeline pipeline;
  private final JobNotificationMail notices;
  private final MailTransport transport;
  private final String faxmaster;

  private MailEgressService(
      Outbox outbox,
      OutboxWorker worker,
      ReceivedFaxPipeline pipeline,
      JobNotificationMail notices,
      MailTransport transport,
      String faxmaster) {
    this.faxmaster = faxmaster;
    this.outbox = outbox;
    this.worker = worker;
    this.pipeline = pipeline;
    this.notices = notices;
    this.transport = transport;
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
    EgressConfig egress = egressSection.toConfig();
    MailTransport transport;
    if (egress.relay() != null) {
      List<String> problems = egress.relay().problems(env);
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(String.join("; ", problems));
      }
      transport = new SmtpRelayTransport(egress.relay(), env);
    } else {
      transport = new MaildirTransport(dataDir.resolve("mail"));
    }
    InboundRouting routing = routingSection.routing();
    Outbox outbox =
        new Outbox(
            dataDir.resolve("outbox"),
            transport,
            clock,
            OutboxPolicy.DEFAULT,
            egress,
            routing.faxmaster());
    if (withWorker && !outbox.holdDeliveryLock()) {
      LOG.warn(
          "outbox: another process holds {}; this gateway delivers once it is released",
          outbox.directory().resolve(Outbox.LOCK_FILE));
    }
    OutboxWorker worker = withWorker ? new OutboxWorker(outbox, OUTBOX_TICK_MILLIS) : null;
    ReceivedFaxPipeline pipeline =
        new ReceivedFaxPipeline(
            new CommIdAllocator(dataDir),
            dataDir.resolve("recvq"),
            routing,
            new ReceivedFaxMail(egress, clock),
            outbox,
            worker == null ? () -> {} : worker::wake,
            clock);
    LOG.info("mail egress: delivering via {}", transport.describe());
    return new MailEgressService(
        outbox,
        worker,
        pipeline,
        new JobNotificationMail(egress, clock),
        transport,
        routing.faxmaster());
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
    return faxmaster;
  }

  public Outbox outbox() {
    return outbox;
  }

  public String transportDescription() {
    return transport.describe();
  }

  /**
   * Tells a job's sender what happened, when the job's notify setting asks for it (failures
   * always). Returns the outbox id, or null when nothing was sent.
   */
  public String notifyJob(JobNotice notice) throws IOException {
    if (!notice.wanted()) {
      return null;
    }
    String id = outbox.submit(notices.build(notice));
    if (worker != null) {
      worker.wake();
    }
    return id;
  }

  /** One delivery pass on the calling thread. */
  public int deliverNow() {
    return outbox.deliverDue();
  }

  @Override
  public void close() {
    if (worker != null) {
      worker.close();
    }
    outbox.close();
  }
}
