package org.faxgw.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.faxgw.gateway.policy.OutboundRules.DailyLimit;
import org.junit.jupiter.api.Test;

class OutboundPolicyTest {
  private static OutboundPolicy policy(
      List<String> allow, List<String> deny, int maxPages, DailyLimit sender, DailyLimit domain) {
    return new OutboundPolicy(
        new OutboundRules(
            allow.stream().map(NumberPattern::parse).toList(),
            deny.stream().map(NumberPattern::parse).toList(),
            maxPages,
            sender,
            domain));
  }

  @Test
  void aDeniedPrefixIsRejectedNamingThePattern() {
    OutboundPolicy p = policy(List.of(), List.of("+1900*"), 0, DailyLimit.NONE, DailyLimit.NONE);
    Decision d = p.atRecipient("a@x.org", "+19005551234", Usage.NONE, Usage.NONE);
    assertThat(d).isInstanceOf(Decision.Reject.class);
    assertThat(((Decision.Reject) d).code()).isEqualTo(550);
    assertThat(((Decision.Reject) d).text()).startsWith("5.7.1 ").contains("+1900*");
    assertThat(p.atRecipient("a@x.org", "+16045551234", Usage.NONE, Usage.NONE))
        .isEqualTo(Decision.ACCEPT);
  }

  @Test
  void allowWinsOverDeny() {
    OutboundPolicy p =
        policy(List.of("+1604*"), List.of("+*"), 0, DailyLimit.NONE, DailyLimit.NONE);
    assertThat(p.atRecipient("a@x.org", "+16045551234", Usage.NONE, Usage.NONE))
        .isEqualTo(Decision.ACCEPT);
    assertThat(p.atRecipient("a@x.org", "+442079460000", Usage.NONE, Usage.NONE))
        .isInstanceOf(Decision.Reject.class);
  }

  @Test
  void questionMarkIsOneDigit() {
    NumberPattern n = NumberPattern.parse("+1?00*");
    assertThat(n.matches("+19005551234")).isTrue();
    assertThat(n.matches("+18005551234")).isTrue();
    assertThat(n.matches("+16045551234")).isFalse();
    assertThatThrownBy(() -> NumberPattern.parse("1900*")).hasMessageContaining("+1900*");
    assertThatThrownBy(() -> NumberPattern.parse("+19a"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void dailyJobLimitsOfSenderAndDomain() {
    OutboundPolicy p = policy(List.of(), List.of(), 0, new DailyLimit(2, 0), new DailyLimit(3, 0));
    assertThat(p.atRecipient("a@x.org", "+16045551234", new Usage(1, 0), new Usage(1, 0)))
        .isEqualTo(Decision.ACCEPT);
    Decision sender = p.atRecipient("a@x.org", "+16045551234", new Usage(2, 0), new Usage(2, 0));
    assertThat(((Decision.Reject) sender).text()).contains("2 fax jobs").contains("a@x.org");
    Decision domain = p.atRecipient("b@x.org", "+16045551234", new Usage(0, 0), new Usage(3, 0));
    assertThat(((Decision.Reject) domain).text()).contains("3 fax jobs").contains("domain x.org");
  }

  @Test
  void pageLimitsAfterRendering() {
    OutboundPolicy p = policy(List.of(), List.of(), 10, new DailyLimit(0, 12), DailyLimit.NONE);
    assertThat(p.afterRendering("a@x.org", 10, new Usage(1, 2), Usage.NONE))
        .isEqualTo(Decision.ACCEPT);
    assertThat(((Decision.Reject) p.afterRendering("a@x.org", 11, Usage.NONE, Usage.NONE)).text())
        .contains("11 pages")
        .contains("10 pages");
    assertThat(
            ((Decision.Reject) p.afterRendering("a@x.org", 3, new Usage(4, 10), Usage.NONE)).text())
        .contains("12 fax pages")
        .contains("10 sent today");
    // a day whose pages are used up is refused already at RCPT
    assertThat(p.atRecipient("a@x.org", "+16045551234", new Usage(4, 12), Usage.NONE))
        .isInstanceOf(Decision.Reject.class);
  }

  @Test
  void aBadPatternInTheFileIsRefusedWithFileAndLine() {
    String yaml = "outbound:\n  deny:\n    - \"+1900*\"\n    - \"1976*\"\n";
    assertThatThrownBy(
            () ->
                new org.faxgw.gateway.config.ConfigLoader(java.util.Map.of()).parse("f.yaml", yaml))
        .hasMessageStartingWith("f.yaml:4:")
        .hasMessageContaining("not a number pattern: 1976*");
  }

  @Test
  void theFileSectionBuildsThePolicy() throws Exception {
    String yaml =
        "outbound:\n  allow: [\"+1604*\"]\n  deny: [\"+*\"]\n  maxPagesPerJob: 5\n"
            + "  perDomain:\n    jobsPerDay: 7\n";
    OutboundRules r =
        new org.faxgw.gateway.config.ConfigLoader(java.util.Map.of())
            .parse("f.yaml", yaml)
            .outbound()
            .policy()
            .rules();
    assertThat(r.allow()).extracting(NumberPattern::text).containsExactly("+1604*");
    assertThat(r.maxPagesPerJob()).isEqualTo(5);
    assertThat(r.perDomain()).isEqualTo(new DailyLimit(7, 0));
    assertThat(r.perSender()).isEqualTo(DailyLimit.NONE);
  }

  @Test
  void theDomainOfAnAddress() {
    assertThat(OutboundPolicy.domainOf("Bob@Example.COM")).isEqualTo("example.com");
    assertThat(OutboundPolicy.domainOf("MAILER-DAEMON")).isEqualTo("mailer-daemon");
  }
}
