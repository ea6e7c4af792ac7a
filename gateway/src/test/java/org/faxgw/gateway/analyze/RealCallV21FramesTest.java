package org.faxgw.gateway.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.faxgw.modem.HdlcFcs;
import org.faxgw.testkit.HylaFaxSessionLog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Acceptance: from each recorded call's audio, both directions, analyze recovers every V.21 HDLC
 * frame HylaFAX logged for the call, byte for byte and in order: the frames a station sent ({@code
 * <--}, without FCS) exactly, and the frames the other station received ({@code -->}, with the
 * FCS).
 */
class RealCallV21FramesTest {
  private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();

  static List<String> calls() {
    return CallFixture.ALL;
  }

  @ParameterizedTest
  @MethodSource("calls")
  void callerFramesAreThoseHylaFaxSentAndReceived(String name) throws Exception {
    CallFixture call = CallFixture.of(name);
    check(
        RealCallSupport.v21Frames(RealCallSupport.analyse(call).caller()),
        HylaFaxSessionLog.read(call.sendLog()).sent(),
        HylaFaxSessionLog.read(call.recvLog()).received());
  }

  @ParameterizedTest
  @MethodSource("calls")
  void calleeFramesAreThoseHylaFaxSentAndReceived(String name) throws Exception {
    CallFixture call = CallFixture.of(name);
    check(
        RealCallSupport.v21Frames(RealCallSupport.analyse(call).callee()),
        HylaFaxSessionLog.read(call.recvLog()).sent(),
        HylaFaxSessionLog.read(call.sendLog()).received());
  }

  private static void check(
      List<TimelineEvent.Frame> found,
      List<HylaFaxSessionLog.Entry> sent,
      List<HylaFaxSessionLog.Entry> receivedByPeer) {
    List<String> good = new ArrayList<>();
    List<String> goodWithFcs = new ArrayList<>();
    for (TimelineEvent.Frame f : found) {
      if (f.fcsOk()) {
        byte[] o = f.octets();
        int fcs = HdlcFcs.fcs(o, 0, o.length);
        byte[] w = java.util.Arrays.copyOf(o, o.length + 2);
        w[o.length] = (byte) fcs;
        w[o.length + 1] = (byte) (fcs >>> 8);
        good.add(HEX.formatHex(o));
        goodWithFcs.add(HEX.formatHex(w));
      }
    }
    List<String> expectedSent = sent.stream().map(e -> HEX.formatHex(e.octets())).toList();
    assertThat(expectedSent).as("frames in the log").isNotEmpty();
    assertThat(good).as("good V.21 frames recovered, in order").isEqualTo(expectedSent);
    List<String> expectedReceived =
        receivedByPeer.stream().map(e -> HEX.formatHex(e.octets())).toList();
    assertThat(expectedReceived).isNotEmpty();
    // the peer may have missed a frame, so its list is a subsequence of ours, in order
    int at = 0;
    for (String want : expectedReceived) {
      int i = goodWithFcs.subList(at, goodWithFcs.size()).indexOf(want);
      assertThat(i).as("frame received by the peer, with FCS: " + want).isGreaterThanOrEqualTo(0);
      at += i + 1;
    }
  }
}
