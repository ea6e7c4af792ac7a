/**
 * The fax lines of the gateway and the roles HylaFAX gives its servers: the dispatcher ({@code
 * dispatch}, faxq: ready jobs to free lines, retries by outcome), the call runner ({@code send},
 * faxsend: tagline, dial, T.30 transmit, results, session log, xferfaxlog) and the answerer ({@code
 * answer}, faxgetty: routing by DID and caller ID, T.30 receive, the received-fax pipeline). A call
 * runs on the IAX2 endpoint's event loop (its 20 ms audio tick drives the {@code FaxTerminal});
 * everything that touches disk or mail is handed to an executor.
 */
package org.faxgw.gateway.line;
