package org.faxgw.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaxSummaryTest {
  static ReceivedFax fax(String error) {
    return new ReceivedFax(
        "000000042",
        "6045557977",
        "5550100",
        "IAXmodem 0",
        "+1 555 555 0100",
        3,
        1728,
        1146,
        204,
        98,
        ZonedDateTime.of(2026, 11, 27, 5, 42, 55, 0, ZoneOffset.UTC),
        Duration.ofSeconds(59),
        14400,
        DataFormat.MMR,
        true,
        "iax0",
        0,
        error);
  }

  @Test
  void fieldsComeInHylafaxOrderRightAlignedToTheColon() {
    String text = FaxSummary.format(fax(""));
    List<String> lines = text.lines().toList();
    assertThat(lines.get(0)).isEqualTo("fax000000042 (received on iax0):");
    assertThat(lines.subList(1, 14))
        .containsExactly(
            "          Sender: +1 555 555 0100",
            "           Pages: 3",
            "         Quality: Normal",
            "            Size: ISO A4",
            "        Received: 2026:11:27 05:42:55",
            " Time To Receive: 0:00:59",
            "     Signal Rate: 14400 bit/s",
            "     Data Format: 2-D MMR",
            "   Error Correct: Yes",
            "         CallID1: 5550100",
            "         CallID2: IAXmodem 0",
            "     Received On: iax0",
            "          CommID: 000000042");
    for (String l : lines.subList(1, lines.size())) {
      assertThat(l.indexOf(": ")).as(l).isEqualTo(16);
    }
  }

  @Test
  void partialReceptionSaysWhy() {
    assertThat(FaxSummary.format(fax("carrier lost on page 3")))
        .contains("not received completely: carrier lost on page 3");
  }

  @Test
  void qualityAndSizeNames() {
    assertThat(FaxSummary.quality(98)).isEqualTo("Normal");
    assertThat(FaxSummary.quality(196)).isEqualTo("Fine");
    assertThat(FaxSummary.quality(391)).isEqualTo("Superfine");
    assertThat(FaxSummary.pageSize(1728, 2292, 204, 196)).isEqualTo("ISO A4");
    assertThat(FaxSummary.pageSize(1728, 1078, 204, 98)).isEqualTo("North American Letter");
    assertThat(FaxSummary.pageSize(1728, 500, 204, 98)).isEqualTo("215 by 130 mm");
    assertThat(FaxSummary.duration(Duration.ofSeconds(3725))).isEqualTo("1:02:05");
    assertThat(FaxSummary.duration(null)).isEqualTo("<unknown>");
  }

  @Test
  void subjectTemplateUsesTheTsi() {
    assertThat(
            MailTemplate.expand(
                MailTemplate.DEFAULT_RECEIVED_SUBJECT, MailTemplate.valuesOf(fax(""))))
        .isEqualTo("Fax received from \"+1 555 555 0100\"");
    assertThat(MailTemplate.unknownNames("x ${did} ${nope}", MailTemplate.RECEIVED_FAX_NAMES))
        .containsExactly("nope");
  }
}
