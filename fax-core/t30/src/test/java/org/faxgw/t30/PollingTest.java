package org.faxgw.t30;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.Resolution;
import org.junit.jupiter.api.Test;

/** Polling (T.30 5.2: DIS with "ready to transmit", DTC): the caller receives, the called sends. */
class PollingTest {
  @Test
  void theCallingTerminalPollsADocumentFromTheCalledOne() {
    List<BilevelPage> pages = List.of(BackToBack.page(21, Resolution.FINE, 200));
    List<BilevelPage> got = new ArrayList<>();
    List<String> log = new ArrayList<>();
    FaxTerminal called =
        FaxTerminals.standard()
            .sender(
                new FaxTerminalConfig(
                    FaxRole.CALLED, FaxDirection.SEND, "9", Capabilities.full(), false),
                pages,
                null,
                (t, s) -> log.add("called  " + s));
    FaxTerminal calling =
        FaxTerminals.standard()
            .receiver(
                new FaxTerminalConfig(
                    FaxRole.CALLING, FaxDirection.RECEIVE, "8", Capabilities.full(), false),
                e -> {
                  if (e instanceof FaxEvent.PageReceived p) {
                    got.add(p.page());
                  }
                },
                (t, s) -> log.add("calling " + s));
    short[] ab = new short[160];
    short[] ba = new short[160];
    for (long n = 0; n < 300 * 8000 && !(called.isFinished() && calling.isFinished()); n += 160) {
      called.transmit(ab);
      calling.transmit(ba);
      calling.receive(ab);
      called.receive(ba);
    }
    String ladder = String.join("\n", log);
    assertThat(called.result().status()).as(ladder).isEqualTo(FaxStatus.OK);
    assertThat(calling.result().status()).as(ladder).isEqualTo(FaxStatus.OK);
    assertThat(got).containsExactlyElementsOf(pages);
  }
}
