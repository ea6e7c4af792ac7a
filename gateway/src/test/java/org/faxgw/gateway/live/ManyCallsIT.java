package org.faxgw.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Many calls, live: 20 one-page faxes in a row each way between faxgw and iaxmodem + HylaFAX (V.17
 * 14400 ECM, A-law), all 20 complete with the exact page. The calls are split over {@code
 * -Dfaxgw.live.lanes} (default 4) labs running in parallel, each lane's calls one after the other.
 * Only with {@code -Dfaxgw.live.full=true} (about 10 minutes; see the README); each run prints a
 * line per call with its wall time and CommIDs.
 */
@EnabledIfSystemProperty(named = "faxgw.live.full", matches = "true")
class ManyCallsIT {
  /** 20; {@code -Dfaxgw.live.calls=N} for a shorter try of the harness. */
  static final int CALLS = Integer.getInteger("faxgw.live.calls", 20);

  @Test
  void twentyMailsInARowArriveInHylafaxExactly() throws Exception {
    Path root = Files.createTempDirectory("faxgw-many-send-");
    CallTally t =
        LiveCallLanes.run(
            "faxgw -> HylaFAX, " + CALLS + " calls",
            CALLS,
            LiveCallLanes.lanes(),
            LiveCallLanes.faxgwSends(root, 0, 0));
    assertThat(t.completed()).as("%s\nlogs under %s", t.report(), root).isEqualTo(CALLS);
    assertThat(t.exact()).as("%s\nlogs under %s", t.report(), root).isEqualTo(CALLS);
  }

  @Test
  void twentyHylafaxFaxesInARowArriveAsMailExactly() throws Exception {
    Path root = Files.createTempDirectory("faxgw-many-receive-");
    Path doc = Path.of(getClass().getResource("fax1.ps").toURI());
    CallTally t =
        LiveCallLanes.run(
            "HylaFAX -> faxgw, " + CALLS + " calls",
            CALLS,
            LiveCallLanes.lanes(),
            LiveCallLanes.faxgwReceives(root, doc, 0, 0));
    assertThat(t.completed()).as("%s\nlogs under %s", t.report(), root).isEqualTo(CALLS);
    assertThat(t.exact()).as("%s\nlogs under %s", t.report(), root).isEqualTo(CALLS);
  }
}
