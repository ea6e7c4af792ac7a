/**
 * Fax jobs and their HylaFAX states ({@link org.faxgw.queue.JobState}), the JDBC job store ({@link
 * org.faxgw.queue.SqliteJobStore}: SQLite, WAL, synchronous=FULL, written against the {@code
 * JobStoreContract} test so another JDBC database can follow), the document spool (atomic writes:
 * temp + fsync + rename + directory fsync), the dialing rules that turn what a user wrote into
 * +E.164 and a dial string (as HylaFAX's dialrules), and the timer decisions of {@link
 * org.faxgw.queue.JobScheduler}, which take the time as an argument (an injected java.time.Clock in
 * the caller).
 */
package org.faxgw.queue;
