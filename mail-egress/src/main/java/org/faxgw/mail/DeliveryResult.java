package org.faxgw.mail;

import java.util.List;

/**
 * What one delivery attempt did for each recipient: delivered, deferred (a temporary failure such
 * as a refused connection or a 4xx reply: try again later) or failed (a 5xx reply: give up and tell
 * FaxMaster).
 */
record DeliveryResult(
    List<String> delivered, List<String> deferred, List<String> failed, String reason) {

  public DeliveryResult {
    delivered = List.copyOf(delivered);
    deferred = List.copyOf(deferred);
    failed = List.copyOf(failed);
    reason = reason == null ? "" : reason;
  }

  public static DeliveryResult allDelivered(List<String> recipients) {
    return new DeliveryResult(recipients, List.of(), List.of(), "");
  }

  public static DeliveryResult allDeferred(List<String> recipients, String reason) {
    return new DeliveryResult(List.of(), recipients, List.of(), reason);
  }

  public static DeliveryResult allFailed(List<String> recipients, String reason) {
    return new DeliveryResult(List.of(), List.of(), recipients, reason);
  }
}
