package org.faxgw.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Many calls through a lossy network, live: an {@link ImpairedUdpProxy} relay between faxgw and
 * iaxmodem loses 0.5 % of the IAX2 datagrams travelling towards faxgw (seeded; every lane's relay
 * has the same seed, so the same loss sequence, one relay per lane for all its calls), so that our
 * IAX2 receiver, our modems and our T.30 face the loss. 20 ECM calls each way; at least 19 of 20
 * complete with the exact page. The same relay between two HylaFAX/iaxmodem ends (sendfax →
 * iaxmodem A → relay → iaxmodem B → faxgetty), losing towards the receiver and then towards the
 * sender, gives the comparison figures, printed beside ours and not asserted. Only with {@code
 * -Dfaxgw.live.full=true} (see the README); CI runs none of these calls (each is 40-60 s of real
 * time).
 */
@EnabledIfSystemProperty(named = "faxgw.live.full", matches = "true")
class LossRelayIT {
  /** 20; {@code -Dfaxgw.live.calls=N} for a shorter try of the harness. */
  static final int CALLS = Integer.getInteger("faxgw.live.calls", 20);

  static final double LOSS = 0.005;

  @Test
  void ecmCallsFromFaxgwThroughAHalfPercentLossTowardsFaxgw() throws Exception {
    Path root = Files.createTempDirectory("faxgw-loss-send-");
    CallTally ours =
        LiveCallLanes.run(
            "faxgw -> HylaFAX, 0.5 % lost towards faxgw",
            CALLS, LiveCallLanes.lanes(), LiveCallLanes.faxgwSends(root, LOSS, 1405));
    CallTally theirs = hylafaxPair(root, LiveCallLanes.Loss.TOWARDS_SENDER, 2405);
    System.out.println("ours:   " + ours.summary() + "\ntheirs: " + theirs.summary());
    assertThat(ours.exact())
        .as("%s\nlogs under %s", ours.report(), root)
        .isGreaterThanOrEqualTo(CALLS - CALLS / 20);
  }

  @Test
  void ecmCallsToFaxgwThroughAHalfPercentLossTowardsFaxgw() throws Exception {
    Path root = Files.createTempDirectory("faxgw-loss-receive-");
    Path doc = Path.of(getClass().getResource("fax1.ps").toURI());
    CallTally ours =
        LiveCallLanes.run(
            "HylaFAX -> faxgw, 0.5 % lost towards faxgw",
            CALLS, LiveCallLanes.lanes(), LiveCallLanes.faxgwReceives(root, doc, LOSS, 3405));
    CallTally theirs = hylafaxPair(root, LiveCallLanes.Loss.TOWARDS_RECEIVER, 4405);
    System.out.println("ours:   " + ours.summary() + "\ntheirs: " + theirs.summary());
    assertThat(ours.exact())
        .as("%s\nlogs under %s", ours.report(), root)
        .isGreaterThanOrEqualTo(CALLS - CALLS / 20);
  }

  /** The comparison: HylaFAX to HylaFAX through the same relay; printed, not asserted. */
  private CallTally hylafaxPair(Path root, LiveCallLanes.Loss loss, long seed) throws Exception {
    if (Boolean.getBoolean("faxgw.live.skipHylafaxPair")) {
      return new CallTally(
          "HylaFAX -> HylaFAX (skipped)", java.util.List.of(), java.time.Duration.ZERO);
    }
    Path doc = Path.of(getClass().getResource("fax1.ps").toURI());
    return LiveCallLanes.run(
        "HylaFAX -> HylaFAX, 0.5 % lost towards the "
            + (loss == LiveCallLanes.Loss.TOWARDS_SENDER ? "sender" : "receiver"),
        CALLS,
        LiveCallLanes.lanes(),
        LiveCallLanes.hylafaxToHylafax(root, doc, loss, LOSS, seed));
  }
}
