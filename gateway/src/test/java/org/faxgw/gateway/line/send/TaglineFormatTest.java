package org.faxgw.gateway.line.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.faxgw.gateway.config.FaxLineConfig;
import org.junit.jupiter.api.Test;

class TaglineFormatTest {
  private static final ZonedDateTime AT = ZonedDateTime.of(2026, 12, 2, 9, 5, 7, 0, ZoneOffset.UTC);

  @Test
  void theDefaultGivesDateSenderNumberAndPage() {
    assertThat(
            new TaglineFormat(FaxLineConfig.DEFAULT_TAGLINE)
                .fields(AT, "+1 604 555 0100", "+16045557977", 3, 10, 42))
        .containsExactly(
            "Wed Dec  2 09:05:07 2026", "From +1 604 555 0100", "To +16045557977", "Page 3 of 10");
  }

  @Test
  void percentEscapesAndJobIdWork() {
    assertThat(new TaglineFormat("Job %j: 100%%").fields(AT, "", "", 1, 1, 42))
        .containsExactly("Job 42: 100%");
  }

  @Test
  void emptyMeansNoTaglineAndUnknownEscapesAreRefused() {
    assertThat(new TaglineFormat("").fields(AT, "x", "y", 1, 1, 1)).isEmpty();
    assertThat(new TaglineFormat("").isEmpty()).isTrue();
    assertThatThrownBy(() -> new TaglineFormat("%x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("%x");
  }

  @Test
  void theDateIsStrftimesPercentCInTheDatesOwnZoneWithTwoDigitDaysUnpadded() {
    ZonedDateTime late = ZonedDateTime.of(2026, 12, 14, 23, 59, 59, 0, ZoneOffset.UTC);
    assertThat(new TaglineFormat("%c|%l|%n|%P/%T").fields(late, "a", "b", 12, 12, 1))
        .containsExactly("Mon Dec 14 23:59:59 2026", "a", "b", "12/12");
    assertThat(
            new TaglineFormat("%c")
                .fields(
                    late.withZoneSameInstant(java.time.ZoneId.of("America/Vancouver")),
                    "",
                    "",
                    1,
                    1,
                    1))
        .containsExactly("Mon Dec 14 15:59:59 2026");
  }
}
