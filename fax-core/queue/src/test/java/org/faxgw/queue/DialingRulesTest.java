package org.faxgw.queue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DialingRulesTest {
  private final DialingRules nanp = DialingRules.northAmerica();

  @ParameterizedTest
  @CsvSource({
    "6045557977, +16045557977, 16045557977",
    "'+1 (604) 555-7977', +16045557977, 16045557977",
    "604.555.7977, +16045557977, 16045557977",
    "1-604-555-7977, +16045557977, 16045557977",
    "555-7977, +16045557977, 16045557977",
    "'011 44 20 7946 0000', +442079460000, 011442079460000",
    "+442079460000, +442079460000, 011442079460000",
    "(212) 555 0100, +12125550100, 12125550100",
  })
  void writtenFormsBecomeE164AndADialString(String written, String e164, String dial) {
    FaxNumber n = nanp.canonical(written).orElseThrow();
    assertThat(n.e164()).isEqualTo(e164);
    assertThat(n.dialString()).isEqualTo(dial);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "abc",
        "555",
        "+0123456789",
        "60455579771234",
        "+1604555797",
        "12#4",
        "+1234567890123456"
      })
  void nonsenseIsNotANumber(String written) {
    assertThat(nanp.canonical(written)).isEmpty();
  }

  @Test
  void localCallsCanOmitTheAreaCodeAndUseAnOutsideLine() {
    DialingRules r = new DialingRules("1", "604", "1", "011", 10, "9,", false);
    assertThat(r.canonical("5557977").orElseThrow().dialString()).isEqualTo("9,5557977");
    assertThat(r.canonical("2125550100").orElseThrow().dialString()).isEqualTo("9,12125550100");
  }

  @Test
  void germanStyleRulesWithAnyLength() {
    DialingRules de = new DialingRules("49", "30", "0", "00", 0, "", true);
    assertThat(de.canonical("030 1234567").orElseThrow().e164()).isEqualTo("+49301234567");
    assertThat(de.canonical("0049 89 123456").orElseThrow().e164()).isEqualTo("+4989123456");
    assertThat(de.canonical("+49 30 1234567").orElseThrow().dialString()).isEqualTo("0301234567");
  }
}
