/**
 * Outbound policy: which numbers may be dialled and how much one sender or one mail domain may send
 * in a day. Pure decisions ({@link org.faxgw.gateway.policy.OutboundPolicy}) over usage counted
 * from the job store ({@link org.faxgw.gateway.policy.UsageLedger}); {@link
 * org.faxgw.gateway.policy.OutboundGate} holds the policy in force and is replaced on reload.
 */
package org.faxgw.gateway.policy;
