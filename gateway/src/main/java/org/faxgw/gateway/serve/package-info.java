/**
 * The running gateway: wiring of store, spool, SMTP front door, render workers, queue timers and
 * admin API from the configuration ({@link org.faxgw.gateway.serve.Gateway}), start-up recovery
 * after a crash, and orderly shutdown. Threads: {@code faxgw-render-N} (render workers, bounded
 * pool), {@code faxgw-queue-timer} (applies JobScheduler decisions once a second, time from the
 * injected Clock), SubEthaSMTP's connection threads, and the admin HTTP server's threads.
 */
package org.faxgw.gateway.serve;
