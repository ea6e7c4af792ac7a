package org.faxgw.gateway.hfaxd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatusFormatTest {
  private static String field(char c) {
    return switch (c) {
      case 'j' -> "17";
      case 'o' -> "alice";
      case 's' -> "Waiting for a fax line";
      default -> "";
    };
  }

  @Test
  void widthsPrecisionAndJustificationAsPrintf() {
    assertThat(StatusFormat.format("%-4j|%6o|%.7s|%%|%q", StatusFormatTest::field))
        .isEqualTo("17  | alice|Waiting|%|");
  }

  @Test
  void aTruncatedItemEndsTheOutput() {
    assertThat(StatusFormat.format("x%-12", StatusFormatTest::field)).isEqualTo("x");
  }
}
