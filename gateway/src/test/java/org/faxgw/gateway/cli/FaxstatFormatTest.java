package org.faxgw.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.faxgw.gateway.FaxstatCommand;
import org.junit.jupiter.api.Test;

/**
 * faxstat lines follow HylaFAX's default JobFmt "%-4j %3i %1a %6.6o %-12.12e %5P %5D %7z %.25s".
 */
class FaxstatFormatTest {
  @Test
  void columnsLineUpWithTheHeader() throws Exception {
    var job =
        new ObjectMapper()
            .readTree(
                "{\"jid\":7,\"priority\":127,\"stateCode\":\"W\",\"state\":\"ready\",\"owner\":\"alice@example.com\","
                    + "\"number\":\"+16045557977\",\"pages\":3,\"dials\":0,\"maxDials\":12,"
                    + "\"timeToSend\":\"2026-01-02T09:30:00Z\",\"status\":\"Waiting for a fax line and more text here\"}");
    String row = FaxstatCommand.row(job);
    assertThat(row)
        .isEqualTo("7    127 W alice@ +16045557977   0:3  0:12   09:30 Waiting for a fax line an");
    assertThat(row.indexOf("+1604")).isEqualTo(FaxstatCommand.HEADER.indexOf("Number"));
    assertThat(row.indexOf("09:30") + 5).isEqualTo(FaxstatCommand.HEADER.indexOf("TTS") + 3);
  }
}
