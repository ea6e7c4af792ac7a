package org.faxgw.iax2.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import org.faxgw.iax2.FullFrame;
import org.faxgw.iax2.HangupCause;
import org.faxgw.iax2.Iax2FrameDecoder;
import org.faxgw.iax2.Iax2FrameEncoder;
import org.faxgw.iax2.IaxSubclass;
import org.faxgw.iax2.IeType;
import org.faxgw.iax2.InformationElement;
import org.faxgw.iax2.MediaFormat;
import org.junit.jupiter.api.Test;

/** Authentication methods (RFC 5456 8.6.13-8.6.16), keep-alive round trips, linger re-ACKs. */
class AuthAndLingerTest {
  static final InetSocketAddress B = new InetSocketAddress("127.0.0.1", 4569);

  private static SimNetwork.Node caller(SimNetwork net, Set<AuthMethod> auth, String secret) {
    ProtocolConfig.Peer p =
        new ProtocolConfig.Peer(
            "b", B, "fax", secret, auth, List.of(MediaFormat.ULAW), false, 60, false);
    return net.node(
        "127.0.0.1", 4570, ProtocolConfig.of(List.of(p), List.of(), ProtocolCallTest.KEY));
  }

  private static SimNetwork.Node callee(SimNetwork net, Set<AuthMethod> auth) {
    ProtocolConfig.User u =
        new ProtocolConfig.User("fax", "pw", auth, List.of(MediaFormat.ULAW), false, 60);
    SimNetwork.Node n =
        net.node("127.0.0.1", 4569, ProtocolConfig.of(List.of(), List.of(u), ProtocolCallTest.KEY));
    n.answering(() -> new NumberedAudio(10, 10), new java.util.HashMap<>());
    return n;
  }

  @Test
  void plaintextWorksOnlyWhereBothSidesAllowIt() {
    SimNetwork net = new SimNetwork(1);
    callee(net, Set.of(AuthMethod.PLAINTEXT));
    SimNetwork.Node a = caller(net, Set.of(AuthMethod.PLAINTEXT), "pw");
    net.schedule(0, () -> a.protocol.dial("b", "1", net.nowMillis()));
    net.runFor(2000);
    assertThat(a.last(ProtocolEvent.Answered.class)).isNotNull();

    SimNetwork net2 = new SimNetwork(2);
    callee(net2, Set.of(AuthMethod.PLAINTEXT));
    SimNetwork.Node md5Only = caller(net2, Set.of(AuthMethod.MD5), "pw");
    net2.schedule(0, () -> md5Only.protocol.dial("b", "1", net2.nowMillis()));
    net2.runFor(2000);
    assertThat(md5Only.last(ProtocolEvent.Answered.class)).isNull();
    assertThat(md5Only.last(ProtocolEvent.Ended.class).cause().text())
        .isEqualTo("No usable authentication method");
  }

  @Test
  void rsaIsRefusedBothWays() {
    // As caller: an AUTHREQ offering only RSA (AUTHMETHODS 4) gets our HANGUP.
    SimNetwork net = new SimNetwork(3);
    SimNetwork.Node a = caller(net, Set.of(AuthMethod.MD5, AuthMethod.PLAINTEXT), "pw");
    a.recordSent = true;
    CallId call = a.protocol.dial("b", "1", 0);
    FullFrame nw = (FullFrame) Iax2FrameDecoder.decode(a.sent.get(0));
    byte[] authreq =
        Iax2FrameEncoder.iax(
            300,
            nw.sourceCall(),
            5,
            0,
            1,
            IaxSubclass.AUTHREQ,
            List.of(
                InformationElement.of(IeType.AUTHMETHODS, AuthMethod.RSA_BIT, 2),
                InformationElement.of(IeType.CHALLENGE, "123")));
    net.inject(B, a.address, authreq);
    assertThat(a.protocol.isUp(call)).isFalse();
    assertThat(a.last(ProtocolEvent.Ended.class)).isNotNull();
    assertThat(sentSubclasses(a))
        .containsExactly(IaxSubclass.NEW, IaxSubclass.ACK, IaxSubclass.HANGUP);

    // As callee: an AUTHREP with only RSA_RESULT is refused.
    ProtocolConfig.User u = ProtocolConfig.User.of("fax", "pw", false);
    FullFrame rsa =
        (FullFrame)
            Iax2FrameDecoder.decode(
                Iax2FrameEncoder.iax(
                    1,
                    2,
                    3,
                    1,
                    1,
                    IaxSubclass.AUTHREP,
                    List.of(InformationElement.of(IeType.RSA_RESULT, "sig"))));
    assertThat(CallHandlers.authenticated(u, "123", rsa)).isFalse();
  }

  @Test
  void pingsMeasureTheRoundTrip() {
    ProtocolCallTest.Pair p = new ProtocolCallTest.Pair(11, "s3cret", true, true);
    p.net.delayMicros = 15_000;
    p.dial();
    p.net.runFor(13_000);
    // First PING 2 s into the call, then every 10 s; each PONG gives the round trip (2 x 15 ms).
    List<ProtocolEvent.RoundTrip> rtts = p.a.events(ProtocolEvent.RoundTrip.class);
    assertThat(rtts).hasSize(2);
    assertThat(rtts).allSatisfy(r -> assertThat(r.rttMillis()).isBetween(30L, 31L));
    assertThat(p.b.events(ProtocolEvent.RoundTrip.class)).hasSize(2);
  }

  @Test
  void lagRequestIsAnsweredWithLagReplyEchoingItsTimestamp() {
    ProtocolCallTest.Pair p = new ProtocolCallTest.Pair(13, "s3cret", true, true);
    p.net.delayMicros = 7_000;
    p.b.recordSent = true;
    CallId call = p.dial();
    p.net.runFor(1000); // before the first PING
    p.net.schedule(p.net.nowMicros, () -> p.a.protocol.lagRequest(call, p.net.nowMillis()));
    p.net.runFor(500);
    assertThat(p.a.events(ProtocolEvent.RoundTrip.class)).hasSize(1);
    assertThat(p.a.last(ProtocolEvent.RoundTrip.class).rttMillis()).isBetween(14L, 15L);
    assertThat(sentSubclasses(p.b)).contains(IaxSubclass.LAGRP);
  }

  @Test
  void aLingeringCallReAcknowledgesARetransmittedHangup() {
    ProtocolCallTest.Pair p = new ProtocolCallTest.Pair(12, "s3cret", true, true);
    CallId call = p.dial();
    p.net.runFor(2000);
    boolean[] armed = {false};
    boolean[] dropped = {false};
    // The callee's first ACK of the HANGUP is lost: the caller retransmits the HANGUP.
    p.net.drop =
        (n, b) -> {
          if (!(Iax2FrameDecoder.decode(b) instanceof FullFrame ff)) {
            return false;
          }
          if (n == p.a && ff.iaxSubclass() == IaxSubclass.HANGUP) {
            armed[0] = true;
          } else if (n == p.b && armed[0] && !dropped[0] && ff.iaxSubclass() == IaxSubclass.ACK) {
            dropped[0] = true;
            return true;
          }
          return false;
        };
    p.net.schedule(
        p.net.nowMicros,
        () -> p.a.protocol.hangup(call, HangupCause.NORMAL_CLEARING, p.net.nowMillis()));
    p.net.runFor(3000);
    assertThat(dropped[0]).isTrue();
    assertThat(p.a.protocol.stats().retransmissions()).isGreaterThanOrEqualTo(1);
    assertThat(p.b.protocol.stats().duplicates()).isGreaterThanOrEqualTo(1); // re-ACKed in linger
    assertThat(p.b.protocol.stats().invalSent()).isZero();
    assertThat(p.b.events(ProtocolEvent.Ended.class)).hasSize(1);
    assertThat(p.a.events(ProtocolEvent.Ended.class)).hasSize(1);
  }

  private static List<IaxSubclass> sentSubclasses(SimNetwork.Node n) {
    return ProtocolCallTest.subclassesSent(n);
  }
}
