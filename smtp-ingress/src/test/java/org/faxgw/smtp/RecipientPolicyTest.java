package org.faxgw.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.faxgw.queue.DialingRules;
import org.junit.jupiter.api.Test;

class RecipientPolicyTest {
  private final RecipientPolicy policy =
      new RecipientPolicy(List.of("fax.local"), DialingRules.northAmerica(), 2);

  @Test
  void aNumberAtTheFaxDomainIsTaken() {
    assertThat(policy.check("6045557977@fax.local", 0))
        .isEqualTo(
            new RecipientPolicy.Accept(
                DialingRules.northAmerica().canonical("6045557977").orElseThrow()));
    assertThat(policy.check("\"+1 (604) 555-7977\"@FAX.LOCAL", 1))
        .isInstanceOf(RecipientPolicy.Accept.class);
  }

  @Test
  void refusalsCarryTheirEnhancedCodes() {
    assertThat(policy.check("hello@fax.local", 0))
        .isEqualTo(new RecipientPolicy.Refuse(550, "5.1.3 Not a fax number: hello"));
    assertThat(policy.check("6045557977@example.com", 0))
        .extracting(
            r -> ((RecipientPolicy.Refuse) r).code(),
            r -> ((RecipientPolicy.Refuse) r).text().substring(0, 5))
        .containsExactly(550, "5.7.1");
    assertThat(policy.check("6045557977@fax.local", 2))
        .extracting(
            r -> ((RecipientPolicy.Refuse) r).code(),
            r -> ((RecipientPolicy.Refuse) r).text().substring(0, 5))
        .containsExactly(452, "4.5.3");
  }
}
