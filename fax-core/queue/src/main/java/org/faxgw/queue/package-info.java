/**
 * Fax jobs and their HylaFAX states, the retry policy, the JDBC job store (SQLite embedded) and the
 * document spool. Timers take an injected java.time.Clock.
 */
package org.faxgw.queue;
