/**
 * HylaFAX's faxsend role: one outgoing fax call per claimed job. The job's pages are read and given
 * the tagline (HylaFAX TagLineFormat) on the line I/O thread, the call is dialled through the
 * line's IAX2 peer, and the T.30 sender runs on the endpoint's event loop; pages confirmed by MCF
 * are checkpointed under the job's lease so a retry resumes after them.
 */
package org.faxgw.gateway.line.send;
