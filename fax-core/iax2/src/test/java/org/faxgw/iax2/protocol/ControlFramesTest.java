package org.faxgw.iax2.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import org.faxgw.iax2.ControlSubclass;
import org.faxgw.iax2.FrameType;
import org.faxgw.iax2.FullFrame;
import org.faxgw.iax2.HangupCause;
import org.faxgw.iax2.Iax2FrameDecoder;
import org.faxgw.iax2.Iax2FrameEncoder;
import org.faxgw.iax2.IaxSubclass;
import org.faxgw.iax2.IeType;
import org.faxgw.iax2.InformationElement;
import org.faxgw.iax2.MediaFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A scripted callee answers our NEW with ACCEPT, RINGING, PROGRESS and then BUSY or CONGESTION. */
class ControlFramesTest {
  @ParameterizedTest
  @ValueSource(ints = {5, 8}) // RFC 5456 8.3: BUSY, CONGESTION
  void ringingProgressThenRefusal(int refusal) {
    SimNetwork net = new SimNetwork(1);
    InetSocketAddress far = new InetSocketAddress("127.0.0.1", 4569);
    SimNetwork.Node a = net.node("127.0.0.1", 4570, ProtocolCallTest.callerConfig(far, "", false));
    a.recordSent = true;
    CallId call = a.protocol.dial("b", "5550101", 0);
    FullFrame nw = (FullFrame) Iax2FrameDecoder.decode(a.sent.get(0));
    int ours = nw.sourceCall();
    byte[] f2 = {0, 0, 0, 0, 0, 0, 0, 0, 0x04};
    net.inject(
        far,
        a.address,
        Iax2FrameEncoder.iax(
            400,
            ours,
            5,
            0,
            1,
            IaxSubclass.ACCEPT,
            List.of(
                InformationElement.of(IeType.FORMAT, 0x08, 4),
                InformationElement.of(IeType.FORMAT2, f2)))); // FORMAT2 wins: µ-law
    control(net, far, a, ours, 1, ControlSubclass.RINGING);
    control(net, far, a, ours, 2, ControlSubclass.CALL_PROGRESS);
    control(net, far, a, ours, 3, ControlSubclass.of(refusal));
    assertThat(a.last(ProtocolEvent.Accepted.class).format()).isEqualTo(MediaFormat.ULAW);
    assertThat(a.events(ProtocolEvent.Ringing.class)).hasSize(1);
    assertThat(a.events(ProtocolEvent.Progress.class)).hasSize(1);
    ProtocolEvent.Ended end = a.last(ProtocolEvent.Ended.class);
    assertThat(end.byRemote()).isTrue();
    assertThat(end.cause())
        .isEqualTo(refusal == 5 ? HangupCause.USER_BUSY : HangupCause.CONGESTION);
    assertThat(a.protocol.isUp(call)).isFalse();
    List<FullFrame> sent =
        a.sent.stream().map(b -> (FullFrame) Iax2FrameDecoder.decode(b)).toList();
    FullFrame last = sent.get(sent.size() - 1);
    assertThat(last.iaxSubclass()).isEqualTo(IaxSubclass.HANGUP);
    assertThat(last.element(IeType.CAUSECODE).orElseThrow().asUnsigned())
        .isEqualTo(refusal == 5 ? 17 : 34);
    // Each in-order frame was acknowledged, with its timestamp echoed.
    assertThat(sent.stream().filter(f -> f.iaxSubclass() == IaxSubclass.ACK).count()).isEqualTo(4);
  }

  private static void control(
      SimNetwork net,
      InetSocketAddress far,
      SimNetwork.Node a,
      int ours,
      int oseq,
      ControlSubclass c) {
    net.inject(
        far,
        a.address,
        Iax2FrameEncoder.full(
            400, ours, false, 5 + oseq, oseq, 1, FrameType.CONTROL.code(), c.code(), new byte[0]));
  }
}
