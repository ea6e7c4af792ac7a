package org.faxgw.iax2.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.faxgw.iax2.FullFrame;
import org.faxgw.iax2.HangupCause;
import org.faxgw.iax2.Iax2Frame;
import org.faxgw.iax2.Iax2FrameDecoder;
import org.faxgw.iax2.IaxSubclass;
import org.faxgw.iax2.MediaFormat;
import org.junit.jupiter.api.Test;

/** Two protocol objects wired through a scripted network in virtual time. */
class ProtocolCallTest {
  static final byte[] KEY = "0123456789abcdef-test".getBytes();

  static ProtocolConfig callerConfig(InetSocketAddress callee, String secret, boolean token) {
    ProtocolConfig.Peer p =
        new ProtocolConfig.Peer(
            "b",
            callee,
            "fax",
            secret,
            Set.of(AuthMethod.MD5),
            List.of(MediaFormat.ALAW, MediaFormat.ULAW, MediaFormat.SLINEAR),
            false,
            60,
            token);
    return ProtocolConfig.of(List.of(p), List.of(), KEY).withCaller("5550100", "faxgw");
  }

  static ProtocolConfig calleeConfig(boolean requireToken) {
    return ProtocolConfig.of(
        List.of(), List.of(ProtocolConfig.User.of("fax", "s3cret", requireToken)), KEY);
  }

  /** A caller, a callee that answers everything, and the audio of each call. */
  static final class Pair {
    final SimNetwork net;
    final SimNetwork.Node a;
    final SimNetwork.Node b;
    final Map<CallId, org.faxgw.iax2.CallAudio> calleeAudio = new HashMap<>();
    NumberedAudio callerAudio;

    Pair(long seed, String secret, boolean sendToken, boolean requireToken) {
      net = new SimNetwork(seed);
      InetSocketAddress bAddr = new InetSocketAddress("127.0.0.1", 4569);
      b = net.node("127.0.0.1", 4569, calleeConfig(requireToken));
      a = net.node("127.0.0.1", 4570, callerConfig(bAddr, secret, sendToken));
      b.answering(() -> new NumberedAudio(150, 50), calleeAudio);
      a.onEvent =
          e -> {
            if (e instanceof ProtocolEvent.Answered an) {
              callerAudio = new NumberedAudio(150, 50);
              a.drive(an.call(), callerAudio);
            }
          };
    }

    CallId dial() {
      CallId[] id = new CallId[1];
      net.schedule(net.nowMicros, () -> id[0] = a.protocol.dial("b", "5550101", net.nowMillis()));
      net.runFor(1);
      return id[0];
    }
  }

  @Test
  void callWithCallTokenAndMd5IsSetUpCarriesAudioAndHangsUp() {
    Pair p = new Pair(1, "s3cret", true, true);
    p.b.recordSent = true;
    CallId call = p.dial();
    p.net.runFor(2000);
    assertThat(p.a.last(ProtocolEvent.Answered.class)).isNotNull();
    assertThat(p.a.last(ProtocolEvent.Answered.class).format()).isEqualTo(MediaFormat.ALAW);
    ProtocolEvent.IncomingCall ic = p.b.last(ProtocolEvent.IncomingCall.class);
    assertThat(ic.calledNumber()).isEqualTo("5550101");
    assertThat(ic.callingNumber()).isEqualTo("5550100");
    assertThat(ic.user()).isEqualTo("fax");
    assertThat(p.b.protocol.stats().callTokensIssued()).isEqualTo(1);
    assertThat(subclassesSent(p.b)).contains(IaxSubclass.CALLTOKEN, IaxSubclass.AUTHREQ);
    p.net.runFor(10_000);
    NumberedAudio calleeHeard = (NumberedAudio) p.calleeAudio.values().iterator().next();
    assertThat(calleeHeard.received).hasSizeGreaterThan(400);
    assertThat(calleeHeard.steps(1)).isEqualTo(calleeHeard.received.size() - 1);
    assertThat(calleeHeard.lostTicks).isZero();
    assertThat(p.callerAudio.received).hasSizeGreaterThan(400);
    assertThat(p.callerAudio.lostTicks).isZero();

    p.net.schedule(
        p.net.nowMicros,
        () -> p.a.protocol.hangup(call, HangupCause.NORMAL_CLEARING, p.net.nowMillis()));
    p.net.runFor(1000);
    assertThat(p.a.last(ProtocolEvent.Ended.class).byRemote()).isFalse();
    ProtocolEvent.Ended end = p.b.last(ProtocolEvent.Ended.class);
    assertThat(end.byRemote()).isTrue();
    assertThat(end.cause().code()).isEqualTo(16);
    assertThat(p.a.protocol.activeCalls()).isZero();
    assertThat(p.b.protocol.activeCalls()).isZero();
    // Linger: the entries stay 10 s to re-ACK retransmissions, then go.
    assertThat(p.a.protocol.tableSize()).isEqualTo(1);
    p.net.runFor(11_000);
    assertThat(p.a.protocol.tableSize()).isZero();
    assertThat(p.b.protocol.tableSize()).isZero();
    assertThat(p.a.protocol.stats().internalErrors()).isZero();
    assertThat(p.b.protocol.stats().internalErrors()).isZero();
  }

  @Test
  void aWrongSecretIsRejected() {
    Pair p = new Pair(2, "wrong", true, true);
    p.dial();
    p.net.runFor(3000);
    assertThat(p.b.events(ProtocolEvent.IncomingCall.class)).isEmpty();
    ProtocolEvent.Ended end = p.a.last(ProtocolEvent.Ended.class);
    assertThat(end.byRemote()).isTrue();
    assertThat(end.cause().code()).isEqualTo(21);
    assertThat(p.b.protocol.stats().authFailures()).isEqualTo(1);
  }

  @Test
  void aNewWithoutTokenIsRefusedWhereRequiredAndAcceptedWhereNot() {
    Pair strict = new Pair(3, "s3cret", false, true);
    strict.dial();
    strict.net.runFor(3000);
    assertThat(strict.b.events(ProtocolEvent.IncomingCall.class)).isEmpty();
    assertThat(strict.b.protocol.stats().rejectedWithoutToken()).isEqualTo(1);
    assertThat(strict.b.protocol.tableSize()).isZero();
    assertThat(strict.a.last(ProtocolEvent.Ended.class).cause().text())
        .isEqualTo("CALLTOKEN required");

    Pair lax = new Pair(4, "s3cret", false, false); // iaxmodem's libiax2 cannot answer CALLTOKEN
    lax.dial();
    lax.net.runFor(3000);
    assertThat(lax.a.last(ProtocolEvent.Answered.class)).isNotNull();
  }

  @Test
  void lostSignallingIsRetransmitted() {
    Pair p = new Pair(5, "s3cret", true, true);
    int[] dropped = {0};
    // Lose the first ACCEPT and the first ANSWER from the callee, and the first AUTHREP.
    p.net.drop =
        (n, b) -> {
          Iax2Frame f = Iax2FrameDecoder.decode(b);
          if (f instanceof FullFrame ff && !ff.retransmitted()) {
            boolean target =
                ff.iaxSubclass() == IaxSubclass.ACCEPT
                    || ff.iaxSubclass() == IaxSubclass.AUTHREP
                    || ff.controlSubclass() == org.faxgw.iax2.ControlSubclass.ANSWER;
            if (target) {
              dropped[0]++;
              return true;
            }
          }
          return false;
        };
    p.dial();
    p.net.runFor(5000);
    assertThat(dropped[0]).isEqualTo(3);
    assertThat(p.a.last(ProtocolEvent.Answered.class)).isNotNull();
    assertThat(p.a.protocol.stats().retransmissions() + p.b.protocol.stats().retransmissions())
        .isGreaterThanOrEqualTo(3);
  }

  @Test
  void aGapGetsAVnakAndTheResentFramesRecoverIt() {
    Pair p = new Pair(6, "s3cret", true, true);
    // Lose the ACCEPT only; the ANSWER right behind it arrives out of order and triggers a VNAK.
    boolean[] once = {false};
    p.net.drop =
        (n, b) -> {
          Iax2Frame f = Iax2FrameDecoder.decode(b);
          if (!once[0] && f instanceof FullFrame ff && ff.iaxSubclass() == IaxSubclass.ACCEPT) {
            once[0] = true;
            return true;
          }
          return false;
        };
    p.dial();
    p.net.runFor(500); // well before the 1 s retransmission timer
    assertThat(p.a.protocol.stats().vnaksSent()).isEqualTo(1);
    assertThat(p.a.last(ProtocolEvent.Answered.class)).isNotNull();
    assertThat(p.b.protocol.stats().retransmissions()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void noAnswerAtAllEndsTheCallAfterTheRetries() {
    SimNetwork net = new SimNetwork(7);
    SimNetwork.Node a =
        net.node("127.0.0.1", 4570, callerConfig(new InetSocketAddress("127.0.0.1", 9), "x", true));
    net.schedule(0, () -> a.protocol.dial("b", "1", net.nowMillis()));
    net.runFor(60_000);
    ProtocolEvent.Ended end = a.last(ProtocolEvent.Ended.class);
    assertThat(end.cause()).isEqualTo(HangupCause.TIMER_EXPIRY);
    // Asterisk's timer: 1 s, then 10 s three more times: 31 s, 4 retransmissions.
    assertThat(a.protocol.stats().retransmissions()).isEqualTo(4);
    assertThat(a.protocol.tableSize()).isZero();
  }

  @Test
  void framesForAnUnknownCallGetInvalAndInvalEndsTheCall() {
    Pair p = new Pair(8, "s3cret", true, true);
    CallId call = p.dial();
    p.net.runFor(2000);
    assertThat(p.a.protocol.isUp(call)).isTrue();
    // The callee forgets everything (a restart): the caller's next PING gets INVAL.
    SimNetwork.Node fresh = p.net.node("127.0.0.1", 4569, calleeConfig(true));
    assertThat(fresh).isNotNull();
    p.net.runFor(15_000);
    assertThat(fresh.protocol.stats().invalSent()).isGreaterThanOrEqualTo(1);
    assertThat(p.a.last(ProtocolEvent.Ended.class)).isNotNull();
    assertThat(p.a.protocol.isUp(call)).isFalse();
  }

  @Test
  void duplicatedAndReorderedFramesAreHandled() {
    Pair p = new Pair(9, "s3cret", true, true);
    p.net.duplicate = 0.05;
    p.net.jitterMicros = 30_000; // reorders 20 ms frames
    CallId call = p.dial();
    p.net.runFor(20_000);
    assertThat(p.a.protocol.isUp(call)).isTrue();
    NumberedAudio heard = (NumberedAudio) p.calleeAudio.values().iterator().next();
    assertThat(heard.received).hasSizeGreaterThan(900);
    assertThat(heard.steps(1)).isEqualTo(heard.received.size() - 1); // in order, no repeats
    assertThat(heard.lostTicks).isZero(); // 60 ms of delay covers 30 ms of jitter
    CallId calleeCall = p.calleeAudio.keySet().iterator().next();
    assertThat(p.b.protocol.playoutStats(calleeCall).duplicates()).isPositive();
    assertThat(p.b.protocol.playoutStats(calleeCall).gaps()).isZero();
  }

  @Test
  void voiceCrossesTheSixteenBitTimestampWrap() {
    Pair p = new Pair(10, "s3cret", true, true);
    p.b.recordSent = true;
    CallId call = p.dial();
    p.net.runFor(140_000); // two wraps of 65.536 s
    assertThat(p.a.protocol.isUp(call)).isTrue();
    NumberedAudio heard = (NumberedAudio) p.calleeAudio.values().iterator().next();
    assertThat(heard.received.size()).isGreaterThan(6900);
    assertThat(heard.steps(1)).isEqualTo(heard.received.size() - 1);
    assertThat(heard.lostTicks).isZero();
    assertThat(p.callerAudio.lostTicks).isZero();
    long fullVoice =
        p.b.sent.stream()
            .map(Iax2FrameDecoder::decode)
            .filter(f -> f instanceof FullFrame ff && ff.mediaFormat() != null)
            .count();
    assertThat(fullVoice).isEqualTo(3); // the first, and one per wrap
  }

  @Test
  void callsAreSetUpAndClearedWithOnePercentLoss() {
    int completed = 0;
    for (int seed = 100; seed < 130; seed++) {
      Pair p = new Pair(seed, "s3cret", true, true);
      p.net.loss = 0.01;
      CallId call = p.dial();
      p.net.runFor(5000);
      if (!p.a.protocol.isUp(call)) {
        p.net.runFor(60_000);
      }
      assertThat(p.a.protocol.isUp(call)).as("seed %d up", seed).isTrue();
      p.net.schedule(
          p.net.nowMicros,
          () -> p.a.protocol.hangup(call, HangupCause.NORMAL_CLEARING, p.net.nowMillis()));
      p.net.runFor(40_000);
      assertThat(p.b.last(ProtocolEvent.Ended.class)).as("seed %d ended", seed).isNotNull();
      assertThat(p.b.last(ProtocolEvent.Ended.class).byRemote()).isTrue();
      assertThat(p.a.protocol.tableSize() + p.b.protocol.tableSize()).isZero();
      completed++;
    }
    assertThat(completed).isEqualTo(30);
  }

  @Test
  void aBadNetworkStillSetsUpAndClearsAndEveryGapIsReported() {
    for (int seed = 200; seed < 210; seed++) {
      Pair p = new Pair(seed, "s3cret", true, true);
      p.net.loss = 0.01;
      p.net.duplicate = 0.01;
      p.net.jitterMicros = 50_000; // reorders, and now and then later than the 60 ms delay
      CallId call = p.dial();
      p.net.runFor(8000);
      if (!p.a.protocol.isUp(call)) {
        p.net.runFor(60_000);
      }
      assertThat(p.a.protocol.isUp(call)).as("seed %d up", seed).isTrue();
      p.net.runFor(8000); // under the 10 s re-centring window: no drift correction here
      NumberedAudio heard = (NumberedAudio) p.calleeAudio.values().iterator().next();
      assertThat(heard.received).hasSizeGreaterThan(300);
      assertThat(heard.everyGapReported()).as("seed %d gaps", seed).isTrue();
      assertThat(heard.lostTicks).isPositive();
      assertThat(p.callerAudio.everyGapReported()).isTrue();
      p.net.schedule(
          p.net.nowMicros,
          () -> p.a.protocol.hangup(call, HangupCause.NORMAL_CLEARING, p.net.nowMillis()));
      p.net.runFor(40_000);
      assertThat(p.b.last(ProtocolEvent.Ended.class)).as("seed %d ended", seed).isNotNull();
      assertThat(p.a.protocol.tableSize() + p.b.protocol.tableSize()).isZero();
    }
  }

  static List<IaxSubclass> subclassesSent(SimNetwork.Node n) {
    return n.sent.stream()
        .map(Iax2FrameDecoder::decode)
        .filter(f -> f instanceof FullFrame)
        .map(f -> ((FullFrame) f).iaxSubclass())
        .filter(s -> s != null)
        .toList();
  }
}
