/**
 * Fax jobs and their HylaFAX states ({@link org.faxgw.queue.JobState}), the JDBC job stores ({@link
 * org.faxgw.queue.SqliteJobStore}: SQLite, WAL, synchronous=FULL; {@link
 * org.faxgw.queue.PostgresJobStore}: PostgreSQL through a HikariCP pool, for several nodes; both
 * written against the {@code JobStoreContract} test, their schemas migrated by Flyway from {@code
 * db/migration/sqlite} and {@code db/migration/postgresql}), the document spool (atomic writes:
 * temp + fsync + rename + directory fsync), the dialing rules that turn what a user wrote into
 * +E.164 and a dial string (as HylaFAX's dialrules), and the timer decisions of {@link
 * org.faxgw.queue.JobScheduler}, which take the time as an argument (an injected java.time.Clock in
 * the caller).
 *
 * <p>Several senders (dispatchers, later several gateway nodes) share the queue through leases:
 * {@link org.faxgw.queue.JobStore#claim claim} makes a ready job active for one owner until an
 * expiry, {@code renew} extends it during the call, {@code checkpoint} and {@code release} write
 * under it; every write is fenced by the lease's token, so an owner whose lease lapsed and was
 * claimed again cannot overwrite the new owner's work. {@link org.faxgw.queue.JobProgress} keeps
 * the pages confirmed so far (a retry resumes after them) and the last call's facts. The spool's
 * files are shared through {@link org.faxgw.queue.SharedFiles} ({@link
 * org.faxgw.queue.PostgresSharedFiles} on PostgreSQL, nothing on SQLite), so that any node can
 * render or send any job. On PostgreSQL a claim locks the row with {@code FOR UPDATE SKIP LOCKED}
 * and, with {@link org.faxgw.queue.PostgresSettings.LeaseClock#DATABASE}, lease expiry is the
 * database's clock.
 *
 * <p>{@link org.faxgw.queue.PostgresOutboxStore} is the mail outbox shared by the nodes on
 * PostgreSQL: messages claimed one at a time under a lease with a fencing token, as jobs are.
 *
 * <p>The JDBC drivers (sqlite-jdbc, org.postgresql), HikariCP and Flyway are this module's
 * dependencies and nobody else's.
 */
package org.faxgw.queue;
