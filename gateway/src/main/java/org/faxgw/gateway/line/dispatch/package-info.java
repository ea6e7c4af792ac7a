/**
 * HylaFAX's faxq role: the {@link org.faxgw.gateway.line.dispatch.Dispatcher} hands ready jobs to
 * free lines under leases of the job store, one call per destination number; {@link
 * org.faxgw.gateway.line.dispatch.Outcomes} classifies a call's end by its Q.850 cause (RFC 5456
 * CAUSECODE) or its T.30 status; {@link org.faxgw.gateway.line.dispatch.RetryPolicy} applies
 * HylaFAX's requeue rules (JobReqBusy, JobReqNoAnswer, JobReqOther, MaxDials, MaxTries, kill time);
 * {@link org.faxgw.gateway.line.dispatch.RateMemory} remembers rate trouble per destination.
 */
package org.faxgw.gateway.line.dispatch;
