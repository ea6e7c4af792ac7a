package org.faxgw.gateway.inbound;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.faxgw.mail.OutboxStore;
import org.faxgw.mail.OutgoingMail;
import org.faxgw.queue.PostgresOutboxStore;

/**
 * mail-egress's {@link OutboxStore} on queue's {@link PostgresOutboxStore}: the outbox shared by
 * the nodes on one PostgreSQL. A pass claims one message at a time under a lease, so a message
 * waits under no lease while another is being delivered. No delivery lock: {@link
 * #holdDeliveryLock} is always true.
 */
public final class PostgresOutboxAdapter implements OutboxStore {
  private final PostgresOutboxStore store;
  private final Clock clock;
  private final Runnable onClose;

  /**
   * @param clock dates dead mails
   * @param onClose run by {@link #close} (closes a pool opened for the outbox), or null
   */
  public PostgresOutboxAdapter(PostgresOutboxStore store, Clock clock, Runnable onClose) {
    this.store = store;
    this.clock = clock;
    this.onClose = onClose;
  }

  @Override
  public String add(OutgoingMail mail, Instant now) {
    return Long.toString(
        store.add(mail.message(), mail.envelopeFrom(), mail.recipients(), mail.bounce(), now));
  }

  @Override
  public List<Entry> pending() {
    return store.list().stream().map(PostgresOutboxAdapter::entry).toList();
  }

  @Override
  public List<Claim> claim(Instant now, boolean all, Set<String> tried) {
    List<Long> skip = tried.stream().map(Long::valueOf).toList();
    Optional<PostgresOutboxStore.Lease> l = store.claimNext(now, all, skip);
    return l.map(x -> List.of(new Claim(entry(x.row()), x.message(), x.token(), x.lapsedOwner())))
        .orElse(List.of());
  }

  @Override
  public void endPass() {
    // nothing held between claims: each lease ends with remove or retryLater, or lapses
  }

  @Override
  public boolean remove(Claim c) {
    return store.remove(Long.parseLong(c.entry().id()), c.token());
  }

  @Override
  public boolean retryLater(
      Claim c, List<String> recipients, int attempts, Instant next, String error) {
    return store.retryLater(
        Long.parseLong(c.entry().id()), c.token(), recipients, attempts, next, error);
  }

  @Override
  public void keepDead(Claim c, List<String> failed, String reason) {
    Entry e = c.entry();
    PostgresOutboxStore.Row row =
        new PostgresOutboxStore.Row(
            Long.parseLong(e.id()),
            e.envelopeFrom(),
            e.recipients(),
            e.bounce(),
            e.created(),
            e.attempts(),
            e.next(),
            e.lastError());
    store.keepDead(
        new PostgresOutboxStore.Lease(row, c.message(), store.owner(), c.token(), null, null),
        failed,
        reason,
        clock.instant());
  }

  @Override
  public boolean holdDeliveryLock() {
    return true;
  }

  @Override
  public String location() {
    return "PostgreSQL table outbox (shared; this node is " + store.owner() + ")";
  }

  @Override
  public void close() {
    if (onClose != null) {
      onClose.run();
    }
  }

  private static Entry entry(PostgresOutboxStore.Row r) {
    return new Entry(
        Long.toString(r.id()),
        r.envelopeFrom(),
        r.recipients(),
        r.bounce(),
        r.created(),
        r.attempts(),
        r.next(),
        r.lastError());
  }
}
