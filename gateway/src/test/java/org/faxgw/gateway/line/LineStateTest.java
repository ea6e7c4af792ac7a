package org.faxgw.gateway.line;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The line states in faxstat's words. */
class LineStateTest {
  @Test
  void statesReadAsFaxstatShowsThem() {
    assertThat(LineState.IDLE.text()).isEqualTo("idle");
    assertThat(new LineState.Dialing("6045557977").text()).isEqualTo("dialing 6045557977");
    assertThat(new LineState.Sending(3, 10, 14400, true).text())
        .isEqualTo("sending page 3/10 at 14400 bit/s ECM");
    assertThat(new LineState.Sending(1, 2, 9600, false).text())
        .isEqualTo("sending page 1/2 at 9600 bit/s");
    assertThat(new LineState.Receiving("+1 555 0100", 2).text())
        .isEqualTo("receiving from +1 555 0100, page 2");
    assertThat(new LineState.Receiving("", 1).text()).isEqualTo("receiving from <unknown>, page 1");
  }
}
