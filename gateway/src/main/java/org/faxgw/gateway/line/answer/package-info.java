/**
 * HylaFAX's faxgetty role: incoming IAX2 calls are routed by DID and caller ID (a reject rule
 * refuses before answering, a TSI rule ends the call with DCN after phase B), answered with a T.30
 * receiver, and what arrived goes to the received-fax pipeline with the call's facts.
 */
package org.faxgw.gateway.line.answer;
