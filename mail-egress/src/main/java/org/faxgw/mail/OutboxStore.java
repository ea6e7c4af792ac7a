package org.faxgw.mail;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Where the outbox keeps its messages: the storage half of the outbox, whose delivery logic (retry,
 * bounce to FaxMaster, dead letters) stays in this module. Two implementations: the folder of one
 * node ({@code <dataDir>/outbox/}, delivery serialized by a file lock; the default and the only one
 * with SQLite) and, adapted by the gateway, PostgreSQL shared by several nodes, where each message
 * is claimed under a lease with a fencing token.
 *
 * <p>A delivery pass is: {@link #claim} (repeated until it gives nothing), for each claim the
 * transport, then {@link #remove} or {@link #retryLater}, and finally {@link #endPass}. The writes
 * after delivery are fenced: they return false (and change nothing) when the claim is no longer
 * current, i.e. its lease lapsed and another node claimed the message.
 */
public interface OutboxStore extends AutoCloseable {

  /** One stored message's state. */
  record Entry(
      String id,
      String envelopeFrom,
      List<String> recipients,
      boolean bounce,
      Instant created,
      int attempts,
      Instant next,
      String lastError) {
    public Entry {
      recipients = List.copyOf(recipients);
      lastError = lastError == null ? "" : lastError;
    }
  }

  /**
   * A message claimed for one delivery attempt.
   *
   * @param entry its state when claimed
   * @param message the stored RFC 5322 bytes
   * @param token the fencing token of the claim (0 where there are no leases)
   * @param lapsedHolder the node whose lease on this message lapsed before it finished (the message
   *     may have reached the relay once already), or null
   */
  record Claim(Entry entry, byte[] message, long token, String lapsedHolder) {}

  /** Stores {@code mail} durably (fsync or commit) before it returns; due at {@code now}. */
  String add(OutgoingMail mail, Instant now) throws IOException;

  /** Every stored message, oldest first. */
  List<Entry> pending();

  /**
   * Claims the next messages of a pass: the due ones at {@code now} (every one with {@code all}),
   * never one named in {@code tried}. Empty when there is nothing (more) to claim in this pass, or
   * when another process delivers this outbox now.
   *
   * @throws OutboxLockedException with {@code all}, when another process delivers this outbox
   */
  List<Claim> claim(Instant now, boolean all, Set<String> tried) throws IOException;

  /** The pass is over (the folder releases its lock unless it is held for good). */
  void endPass();

  /** Removes a delivered (or reported) message; false when the claim is no longer current. */
  boolean remove(Claim c) throws IOException;

  /**
   * Writes the retry state after a temporary failure and gives the claim up; false when the claim
   * is no longer current.
   */
  boolean retryLater(Claim c, List<String> recipients, int attempts, Instant next, String error)
      throws IOException;

  /** Keeps a copy of a message that could not be delivered even to FaxMaster. */
  void keepDead(Claim c, List<String> failed, String reason) throws IOException;

  /**
   * Takes whatever makes this process the outbox's one deliverer and keeps it until {@link #close}
   * (the folder's lock); false when another process holds it. Always true where messages are
   * claimed one by one under leases.
   */
  boolean holdDeliveryLock() throws IOException;

  /** For logs and {@code faxgw outbox}: where the messages are kept. */
  String location();

  @Override
  void close();
}
