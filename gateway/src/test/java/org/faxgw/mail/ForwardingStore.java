package org.faxgw.mail;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** An {@link OutboxStore} that passes every call on, for tests that hook one of them. */
class ForwardingStore implements OutboxStore {
  private final OutboxStore s;

  ForwardingStore(OutboxStore s) {
    this.s = s;
  }

  @Override
  public String add(OutgoingMail mail, Instant now) throws IOException {
    return s.add(mail, now);
  }

  @Override
  public List<Entry> pending() {
    return s.pending();
  }

  @Override
  public List<Claim> claim(Instant now, boolean all, Set<String> tried) throws IOException {
    return s.claim(now, all, tried);
  }

  @Override
  public void endPass() {
    s.endPass();
  }

  @Override
  public boolean remove(Claim c) throws IOException {
    return s.remove(c);
  }

  @Override
  public boolean retryLater(
      Claim c, List<String> recipients, int attempts, Instant next, String error)
      throws IOException {
    return s.retryLater(c, recipients, attempts, next, error);
  }

  @Override
  public void keepDead(Claim c, List<String> failed, String reason) throws IOException {
    s.keepDead(c, failed, reason);
  }

  @Override
  public boolean holdDeliveryLock() throws IOException {
    return s.holdDeliveryLock();
  }

  @Override
  public String location() {
    return s.location();
  }

  @Override
  public void close() {
    s.close();
  }
}
