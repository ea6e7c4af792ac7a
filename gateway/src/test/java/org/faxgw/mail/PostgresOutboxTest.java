package org.faxgw.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.faxgw.gateway.config.ConfigLoader;
import org.faxgw.gateway.config.FaxgwConfig;
import org.faxgw.gateway.inbound.MailEgressService;
import org.faxgw.gateway.inbound.PostgresOutboxAdapter;
import org.faxgw.queue.PostgresJobStore;
import org.faxgw.queue.PostgresOutboxStore;
import org.faxgw.queue.PostgresSettings;
import org.faxgw.testkit.PostgresCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox shared by several nodes through PostgreSQL (a private cluster, {@link
 * PostgresCluster}; one fresh database per test): the storage contract on the gateway's {@link
 * PostgresOutboxAdapter}, leases and fencing, two nodes delivering one outbox at once, and the kill
 * point "during mail delivery". Lease expiry runs on virtual time (lease clock of the caller,
 * {@link MutableClock}). In package {@code org.faxgw.mail} to drive mail-egress's package-private
 * {@code Outbox} with a transport of its own.
 */
class PostgresOutboxTest extends OutboxStoreContract {
  private static final Duration LEASE = Duration.ofMinutes(5);
  private static PostgresCluster cluster;

  @TempDir Path tmp;
  private String database;
  private final MutableClock clock = new MutableClock(T0);
  private final EgressConfig egress = new EgressConfig("FaxMaster <fm@example.com>", null);

  @BeforeAll
  static void startCluster() throws Exception {
    Assumptions.assumeTrue(PostgresCluster.binaries().isPresent(), PostgresCluster::missingMessage);
    cluster = PostgresCluster.start();
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** One node's outbox storage: a pool of its own on the shared database. */
  private OutboxStore node(String name) {
    PostgresJobStore db =
        PostgresJobStore.open(
            new PostgresSettings(
                cluster.jdbcUrl(database),
                PostgresCluster.USER,
                cluster.password(),
                2,
                PostgresSettings.LeaseClock.CALLER));
    return new PostgresOutboxAdapter(
        new PostgresOutboxStore(db.transactions(), db.databaseClock(), name, LEASE),
        clock,
        db::close);
  }

  @Override
  protected OutboxStore newStore() throws Exception {
    database = cluster.createDatabase();
    return node("node-a");
  }

  @Override
  protected OutboxStore reopen() {
    return node("node-a");
  }

  /** Counts what reached "the relay", by subject; copies marked as re-deliveries apart. */
  static final class CountingTransport implements MailTransport {
    final Map<String, AtomicInteger> bySubject = new ConcurrentHashMap<>();
    final List<String> redeliveries = Collections.synchronizedList(new ArrayList<>());

    @Override
    public DeliveryResult deliver(byte[] message, String envelopeFrom, List<String> recipients) {
      String text = new String(message, StandardCharsets.UTF_8);
      bySubject
          .computeIfAbsent(MimeMessages.subjectOf(message), k -> new AtomicInteger())
          .incrementAndGet();
      text.lines()
          .filter(l -> l.startsWith(Outbox.REDELIVERY_HEADER + ":"))
          .forEach(redeliveries::add);
      return DeliveryResult.allDelivered(recipients);
    }

    int count(String subject) {
      AtomicInteger n = bySubject.get(subject);
      return n == null ? 0 : n.get();
    }

    @Override
    public String describe() {
      return "counting";
    }
  }

  /** The named kill point: the node dies (an Error, as a JVM that is killed does not go on). */
  static final class NodeKilled extends Error {
    private static final long serialVersionUID = 1L;

    NodeKilled(String where) {
      super("node killed " + where);
    }
  }

  /** A transport whose relay accepts the mail, and then the node dies before the commit. */
  static final class DiesAfterTheRelayAccepted implements MailTransport {
    private final MailTransport relay;

    DiesAfterTheRelayAccepted(MailTransport relay) {
      this.relay = relay;
    }

    @Override
    public DeliveryResult deliver(byte[] message, String envelopeFrom, List<String> recipients) {
      relay.deliver(message, envelopeFrom, recipients);
      throw new NodeKilled("during mail delivery, after the relay accepted the mail");
    }

    @Override
    public String describe() {
      return "dies after the relay";
    }
  }

  /** A store whose node dies right after its claim committed, before the transport is called. */
  static final class DiesAfterTheClaim extends ForwardingStore {
    DiesAfterTheClaim(OutboxStore s) {
      super(s);
    }

    @Override
    public List<Claim> claim(Instant now, boolean all, Set<String> tried)
        throws java.io.IOException {
      List<Claim> c = super.claim(now, all, tried);
      if (!c.isEmpty()) {
        throw new NodeKilled("after the claim, before the transport");
      }
      return c;
    }
  }

  private Outbox outbox(OutboxStore s, MailTransport t) {
    return new Outbox(s, t, clock, OutboxPolicy.DEFAULT, egress, "fm@example.com");
  }

  @Test
  void aMailLeasedByOneNodeWaitsForTheLapseAndTheStaleHolderIsFencedOut() throws Exception {
    try (OutboxStore b = node("node-b")) {
      store.add(mail("leased", "alice@example.com"), T0);
      OutboxStore.Claim a1 = store.claim(T0, false, Set.of()).get(0);
      store.endPass();
      Instant almost = T0.plus(LEASE).minusMillis(1);
      assertThat(b.claim(almost, false, Set.of())).as("held by node-a").isEmpty();
      assertThat(b.claim(almost, true, Set.of())).as("a flush leaves it too").isEmpty();
      List<OutboxStore.Claim> taken = b.claim(T0.plus(LEASE), false, Set.of());
      assertThat(taken).hasSize(1);
      OutboxStore.Claim b1 = taken.get(0);
      assertThat(b1.lapsedHolder()).isEqualTo("node-a");
      assertThat(b1.token()).isGreaterThan(a1.token());
      // node-a wakes up late: its writes are refused
      assertThat(store.remove(a1)).isFalse();
      assertThat(store.retryLater(a1, List.of("alice@example.com"), 1, T0, "x")).isFalse();
      assertThat(b.pending()).hasSize(1);
      assertThat(b.remove(b1)).isTrue();
      assertThat(store.pending()).isEmpty();
    }
  }

  @Test
  void twoNodesDeliveringFiftyMailsAtOnceDeliverEachExactlyOnce() throws Exception {
    CountingTransport relay = new CountingTransport();
    try (OutboxStore sb = node("node-b")) {
      Outbox a = outbox(store, relay);
      Outbox b = outbox(sb, relay);
      for (int i = 0; i < 50; i++) {
        (i % 2 == 0 ? a : b).submit(mail("mail " + i, "alice@example.com"));
      }
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<Future<Integer>> runs = new ArrayList<>();
        for (Outbox o : List.of(a, b)) {
          runs.add(
              pool.submit(
                  () -> {
                    go.await();
                    int tried = 0;
                    for (int pass = 0; pass < 50 && !o.pending().isEmpty(); pass++) {
                      tried += o.deliverDue();
                    }
                    return tried;
                  }));
        }
        go.countDown();
        int tried = 0;
        for (Future<Integer> f : runs) {
          tried += f.get(60, TimeUnit.SECONDS);
        }
        assertThat(tried).isEqualTo(50);
      } finally {
        pool.shutdownNow();
      }
      for (int i = 0; i < 50; i++) {
        assertThat(relay.count("mail " + i)).as("mail " + i).isEqualTo(1);
      }
      assertThat(relay.bySubject).hasSize(50);
      assertThat(relay.redeliveries).isEmpty();
      assertThat(a.pending()).isEmpty();
    }
  }

  @Test
  void killDuringMailDeliveryAfterTheRelayAcceptedIsDeliveredAgainOnlyInTheDocumentedWindow()
      throws Exception {
    CountingTransport relay = new CountingTransport();
    try (OutboxStore sb = node("node-b")) {
      Outbox a = outbox(store, new DiesAfterTheRelayAccepted(relay));
      Outbox b = outbox(sb, relay);
      a.submit(mail("accepted then killed", "alice@example.com"));
      assertThatThrownBy(a::deliverDue).isInstanceOf(NodeKilled.class);
      assertThat(relay.count("accepted then killed")).isEqualTo(1);
      // node-a is dead; its lease holds until it lapses
      clock.advance(LEASE.minusSeconds(1));
      assertThat(b.deliverDue()).isZero();
      clock.advance(Duration.ofSeconds(1));
      assertThat(b.deliverDue()).isEqualTo(1);
      assertThat(relay.count("accepted then killed")).as("the documented window").isEqualTo(2);
      assertThat(relay.redeliveries)
          .containsExactly(Outbox.REDELIVERY_HEADER + ": lease lapsed on node node-a");
      assertThat(b.pending()).isEmpty();
      // and never a third time
      clock.advance(LEASE.multipliedBy(2));
      assertThat(b.flushAll()).isZero();
      assertThat(relay.count("accepted then killed")).isEqualTo(2);
    }
  }

  @Test
  void killAfterTheClaimBeforeTheTransportIsDeliveredExactlyOnce() throws Exception {
    CountingTransport relay = new CountingTransport();
    try (OutboxStore sb = node("node-b")) {
      Outbox a = outbox(new DiesAfterTheClaim(store), relay);
      Outbox b = outbox(sb, relay);
      a.submit(mail("claimed then killed", "alice@example.com"));
      assertThatThrownBy(a::deliverDue).isInstanceOf(NodeKilled.class);
      assertThat(relay.count("claimed then killed")).isZero();
      assertThat(b.deliverDue()).as("still leased by node-a").isZero();
      clock.advance(LEASE);
      assertThat(b.deliverDue()).isEqualTo(1);
      assertThat(relay.count("claimed then killed")).isEqualTo(1);
      assertThat(b.pending()).isEmpty();
      clock.advance(LEASE.multipliedBy(2));
      assertThat(b.flushAll()).isZero();
      assertThat(relay.count("claimed then killed")).isEqualTo(1);
    }
  }

  @Test
  void theGatewaysMailServiceUsesTheSharedOutboxWithAPostgresqlStore() throws Exception {
    String yaml =
        "dataDir: "
            + tmp.resolve("node1")
            + "\nrouting:\n  faxmaster: fm@example.com\n"
            + "fax:\n  node: gw1\n"
            + "store:\n  type: postgresql\n  postgresql:\n    url: "
            + cluster.jdbcUrl(database)
            + "\n    user: "
            + PostgresCluster.USER
            + "\n    password: ${FAXGW_DB_PASSWORD}\n";
    ConfigLoader loader = new ConfigLoader(Map.of("FAXGW_DB_PASSWORD", cluster.password()));
    FaxgwConfig one = loader.parse("node1.yaml", yaml);
    FaxgwConfig two =
        loader.parse(
            "node2.yaml", yaml.replace("node1", "node2").replace("node: gw1", "node: gw2"));
    Clock wall = Clock.systemUTC();
    try (MailEgressService n1 = MailEgressService.start(one, wall, Map.of(), false);
        MailEgressService n2 = MailEgressService.start(two, wall, Map.of(), false)) {
      String id = n1.mail().queue(mail("shared", "alice@example.com"));
      assertThat(n2.mail().pending()).extracting(MailEgress.Waiting::id).containsExactly(id);
      assertThat(n2.mail().outboxLocation()).contains("PostgreSQL").contains("gw2");
      assertThat(n2.mail().flushAll()).isEqualTo(1);
      assertThat(n1.mail().pending()).isEmpty();
      Path maildir = MailEgress.maildirOf(two.dataPath(), "alice@example.com");
      try (var files = java.nio.file.Files.list(maildir.resolve("new"))) {
        assertThat(files.count()).as("delivered by node 2").isEqualTo(1);
      }
    }
  }
}
