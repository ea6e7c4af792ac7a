package org.faxgw.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code egress.outboxLease}: its default and the check against the relay's timeouts. */
class EgressSectionTest {
  private final ConfigLoader loader = new ConfigLoader(Map.of());

  @Test
  void theOutboxLeaseDefaultsToFiveMinutes() throws Exception {
    assertThat(loader.parse("a.yaml", "egress:\n  from: fm@example.com\n").egress().outboxLease())
        .isEqualTo(EgressSection.DEFAULT_OUTBOX_LEASE)
        .hasMinutes(5);
  }

  @Test
  void anOutboxLeaseShorterThanASlowRelayDeliveryIsRefused() {
    assertThatThrownBy(
            () ->
                loader.parse(
                    "a.yaml",
                    "egress:\n  outboxLease: 2m\n  relay:\n    host: 127.0.0.1\n"
                        + "    connectTimeout: 30s\n    readTimeout: 60s\n"))
        .hasMessageContaining("egress.outboxLease")
        .hasMessageContaining("180s");
  }
}
