package org.faxgw.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link OutboxStore} must do, run on the folder ({@code FolderOutboxStoreTest}) and on
 * PostgreSQL (the gateway's {@code PostgresOutboxTest}): durable add, listing oldest first, claims
 * of the due messages (all with a flush), never a message twice in one pass, removal and retry
 * state after delivery.
 */
public abstract class OutboxStoreContract {
  protected static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

  protected OutboxStore store;

  /** A new, empty store. */
  protected abstract OutboxStore newStore() throws Exception;

  /** The same storage opened again (a restart of the node). */
  protected abstract OutboxStore reopen() throws Exception;

  @BeforeEach
  void open() throws Exception {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  protected static OutgoingMail mail(String subject, String... to) {
    byte[] msg =
        ("From: fax@gw.example\r\nTo: "
                + String.join(", ", to)
                + "\r\nSubject: "
                + subject
                + "\r\nMessage-ID: <"
                + subject.replace(' ', '-')
                + "@gw.example>\r\n\r\nbody of "
                + subject
                + "\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    return new OutgoingMail(msg, "fax@gw.example", List.of(to), false);
  }

  /** Every claim of one pass (a folder gives them at once, PostgreSQL one at a time). */
  protected static List<OutboxStore.Claim> claimPass(OutboxStore s, Instant now, boolean all)
      throws Exception {
    List<OutboxStore.Claim> out = new ArrayList<>();
    Set<String> tried = new HashSet<>();
    try {
      for (int i = 0; i < 1000; i++) {
        List<OutboxStore.Claim> batch = s.claim(now, all, tried);
        if (batch.isEmpty()) {
          break;
        }
        for (OutboxStore.Claim c : batch) {
          assertThat(tried.add(c.entry().id())).as("claimed twice in one pass").isTrue();
          out.add(c);
        }
      }
    } finally {
      s.endPass();
    }
    return out;
  }

  @Test
  void addedMailIsListedOldestFirstWithItsEnvelope() throws Exception {
    String a = store.add(mail("first", "alice@example.com"), T0);
    String b = store.add(mail("second", "bob@example.com", "carol@example.com"), T0.plusSeconds(1));
    List<OutboxStore.Entry> p = store.pending();
    assertThat(p).extracting(OutboxStore.Entry::id).containsExactly(a, b);
    OutboxStore.Entry e = p.get(1);
    assertThat(e.envelopeFrom()).isEqualTo("fax@gw.example");
    assertThat(e.recipients()).containsExactly("bob@example.com", "carol@example.com");
    assertThat(e.bounce()).isFalse();
    assertThat(e.attempts()).isZero();
    assertThat(e.created()).isEqualTo(T0.plusSeconds(1));
    assertThat(e.next()).isEqualTo(T0.plusSeconds(1));
    assertThat(e.lastError()).isEmpty();
  }

  @Test
  void addedMailSurvivesARestart() throws Exception {
    OutgoingMail m = mail("kept", "alice@example.com");
    String id = store.add(m, T0);
    store.close();
    store = reopen();
    assertThat(store.pending()).extracting(OutboxStore.Entry::id).containsExactly(id);
    List<OutboxStore.Claim> claims = claimPass(store, T0, false);
    assertThat(claims).hasSize(1);
    assertThat(claims.get(0).message()).isEqualTo(m.message());
    assertThat(claims.get(0).lapsedHolder()).isNull();
  }

  @Test
  void aPassClaimsEachDueMailOnceAndRemoveDeletesIt() throws Exception {
    for (int i = 0; i < 5; i++) {
      store.add(mail("m" + i, "alice@example.com"), T0);
    }
    List<OutboxStore.Claim> claims = claimPass(store, T0, false);
    assertThat(claims).hasSize(5);
    for (OutboxStore.Claim c : claims) {
      assertThat(store.remove(c)).isTrue();
    }
    assertThat(store.pending()).isEmpty();
    assertThat(claimPass(store, T0, true)).isEmpty();
  }

  @Test
  void retryStateIsKeptAndAMailNotDueWaitsButAFlushTakesIt() throws Exception {
    store.add(mail("later", "alice@example.com", "bob@example.com"), T0);
    OutboxStore.Claim c = claimPass(store, T0, false).get(0);
    Instant next = T0.plus(Duration.ofMinutes(1));
    assertThat(store.retryLater(c, List.of("bob@example.com"), 1, next, "451 try later")).isTrue();
    OutboxStore.Entry e = store.pending().get(0);
    assertThat(e.recipients()).containsExactly("bob@example.com");
    assertThat(e.attempts()).isEqualTo(1);
    assertThat(e.next()).isEqualTo(next);
    assertThat(e.lastError()).isEqualTo("451 try later");
    assertThat(claimPass(store, T0.plusSeconds(59), false)).as("not due yet").isEmpty();
    List<OutboxStore.Claim> flushed = claimPass(store, T0.plusSeconds(59), true);
    assertThat(flushed).as("a flush").hasSize(1);
    Instant later = next.plus(Duration.ofMinutes(2));
    assertThat(store.retryLater(flushed.get(0), List.of("bob@example.com"), 2, later, "451 again"))
        .isTrue();
    assertThat(claimPass(store, later.minusMillis(1), false)).isEmpty();
    List<OutboxStore.Claim> due = claimPass(store, later, false);
    assertThat(due).hasSize(1);
    assertThat(due.get(0).entry().recipients()).containsExactly("bob@example.com");
    assertThat(due.get(0).entry().attempts()).isEqualTo(2);
  }

  @Test
  void aMailTriedInThisPassIsNotClaimedAgain() throws Exception {
    String id = store.add(mail("once", "alice@example.com"), T0);
    assertThat(store.claim(T0, true, Set.of(id))).isEmpty();
    store.endPass();
  }

  @Test
  void aDeadMailIsKeptAndLeavesTheOutboxWhenRemoved() throws Exception {
    OutgoingMail m = mail("dead", "fm@example.com");
    store.add(m, T0);
    OutboxStore.Claim c = claimPass(store, T0, false).get(0);
    store.keepDead(c, List.of("fm@example.com"), "550 no such user");
    assertThat(store.remove(c)).isTrue();
    assertThat(store.pending()).isEmpty();
  }
}
