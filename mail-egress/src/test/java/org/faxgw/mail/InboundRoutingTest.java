package org.faxgw.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class InboundRoutingTest {
  static ReceivedFax call(String did, String callerNumber, String tsi, String error) {
    return new ReceivedFax(
        "000000001",
        did,
        callerNumber,
        "",
        tsi,
        error.isEmpty() ? 1 : 0,
        1728,
        1146,
        204,
        98,
        ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
        Duration.ZERO,
        9600,
        DataFormat.MR,
        false,
        "iax0",
        0,
        error);
  }

  static InboundRule rule(int line, String did, String cid, String tsi, String to) {
    return new InboundRule(
        line, did, cid, tsi, to == null ? List.of() : List.of(to), List.of(), null, null, false);
  }

  private final InboundRouting routing;

  InboundRoutingTest() throws ConfigException {
    routing =
        InboundRouting.compile(
            new RoutingConfig(
                "fm@example.com",
                List.of(
                    new InboundRule(
                        3,
                        "6045557977",
                        null,
                        null,
                        List.of("alice@example.com"),
                        List.of(),
                        AttachmentFormat.BOTH,
                        "Fax for Alice from ${tsi}",
                        false),
                    new InboundRule(
                        7,
                        "604555*",
                        null,
                        null,
                        List.of("sales@example.com"),
                        List.of("archive@example.com"),
                        null,
                        null,
                        false),
                    new InboundRule(
                        11, null, "^\\+7", null, List.of(), List.of(), null, null, true),
                    rule(13, "^77[0-9]{2}$", null, null, "regex@example.com"),
                    rule(15, null, null, "ACME*", "acme@example.com"),
                    rule(17, null, "5550100", null, "caller@example.com"))));
  }

  private RouteDecision.Deliver deliver(ReceivedFax f) {
    RouteDecision d = routing.route(f);
    assertThat(d).isInstanceOf(RouteDecision.Deliver.class);
    return (RouteDecision.Deliver) d;
  }

  @Test
  void exactDidWinsFirst() {
    RouteDecision.Deliver d = deliver(call("6045557977", "", "", ""));
    assertThat(d.to()).containsExactly("alice@example.com");
    assertThat(d.format()).isEqualTo(AttachmentFormat.BOTH);
    assertThat(d.subjectTemplate()).isEqualTo("Fax for Alice from ${tsi}");
    assertThat(d.rule()).isEqualTo("line 3");
  }

  @Test
  void wildcardDid() {
    RouteDecision.Deliver d = deliver(call("6045551234", "", "", ""));
    assertThat(d.to()).containsExactly("sales@example.com");
    assertThat(d.cc()).containsExactly("archive@example.com");
    assertThat(d.format()).isEqualTo(AttachmentFormat.PDF);
    // the wildcard matches the whole number, not a prefix of a longer one only
    assertThat(deliver(call("16045551234", "", "", "")).rule()).isEqualTo("default route");
  }

  @Test
  void regexDid() {
    assertThat(deliver(call("7712", "", "", "")).to()).containsExactly("regex@example.com");
    assertThat(deliver(call("77123", "", "", "")).to()).containsExactly("fm@example.com");
  }

  @Test
  void callerIdRegexRejects() {
    RouteDecision d = routing.route(call("1000", "+74951234567", "", ""));
    assertThat(d).isEqualTo(new RouteDecision.Reject("line 11"));
    // the DID rules come first
    assertThat(routing.route(call("6045557977", "+74951234567", "", "")))
        .isInstanceOf(RouteDecision.Deliver.class);
  }

  @Test
  void callerIdExact() {
    assertThat(deliver(call("1000", "5550100", "", "")).to()).containsExactly("caller@example.com");
  }

  @Test
  void tsiWildcard() {
    assertThat(deliver(call("1000", "", "ACME Corp", "")).to()).containsExactly("acme@example.com");
  }

  @Test
  void defaultRouteGoesToFaxMaster() {
    RouteDecision.Deliver d = deliver(call("1000", "123", "Other", ""));
    assertThat(d.to()).containsExactly("fm@example.com");
    assertThat(d.rule()).isEqualTo("default route");
    assertThat(d.copyFaxMaster()).isFalse();
  }

  @Test
  void failedReceptionCopiesFaxMaster() {
    assertThat(deliver(call("6045557977", "", "", "lost carrier")).copyFaxMaster()).isTrue();
    assertThat(deliver(call("6045557977", "", "", "")).copyFaxMaster()).isFalse();
  }

  @Test
  void badRegexIsReportedWithItsLine() {
    assertThatThrownBy(
            () ->
                InboundRouting.compile(
                    new RoutingConfig(
                        "fm@example.com",
                        List.of(
                            rule(4, "6045557977", null, null, "a@example.com"),
                            rule(9, "^60(45", null, null, "b@example.com")))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("line 9: did: bad regular expression \"^60(45\"");
  }

  @Test
  void otherRuleProblemsAreReportedTogether() {
    assertThatThrownBy(
            () ->
                InboundRouting.compile(
                    new RoutingConfig(
                        "fm@example.com",
                        List.of(
                            rule(2, "1", null, null, null),
                            new InboundRule(
                                5,
                                "2",
                                null,
                                null,
                                List.of("x@example.com"),
                                List.of(),
                                null,
                                null,
                                true),
                            new InboundRule(
                                8,
                                "3",
                                null,
                                null,
                                List.of("not an address"),
                                List.of(),
                                null,
                                "${bogus}",
                                false)))))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e -> {
              List<String> p = ((ConfigException) e).problems();
              assertThat(p).anyMatch(s -> s.startsWith("line 2: rule needs 'to'"));
              assertThat(p).anyMatch(s -> s.startsWith("line 5: a reject rule"));
              assertThat(p).anyMatch(s -> s.startsWith("line 8: to: bad mail address"));
              assertThat(p).anyMatch(s -> s.startsWith("line 8: subject uses unknown [bogus]"));
            });
  }
}
