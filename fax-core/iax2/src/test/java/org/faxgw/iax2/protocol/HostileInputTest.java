package org.faxgw.iax2.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.faxgw.iax2.FrameType;
import org.faxgw.iax2.HangupCause;
import org.faxgw.iax2.Iax2FrameEncoder;
import org.faxgw.iax2.IaxSubclass;
import org.faxgw.iax2.IeType;
import org.faxgw.iax2.InformationElement;
import org.faxgw.iax2.MediaFormat;
import org.junit.jupiter.api.Test;

/** Random and mutated datagrams, and a flood of NEWs without CALLTOKEN. */
class HostileInputTest {

  /** Valid-looking frames to mutate: every subclass, with and without IEs, call numbers 0-9. */
  private static List<byte[]> seeds() {
    List<byte[]> s = new ArrayList<>();
    List<InformationElement> ies =
        List.of(
            InformationElement.of(IeType.VERSION, 2, 2),
            InformationElement.of(IeType.USERNAME, "fax"),
            InformationElement.of(IeType.FORMAT, 0x08, 4),
            InformationElement.of(IeType.CAPABILITY, 0x4C, 4),
            InformationElement.of(IeType.CALLTOKEN, new byte[0]),
            InformationElement.of(IeType.MD5_RESULT, "00"),
            InformationElement.of(IeType.REFRESH, 60, 2));
    for (IaxSubclass sub : IaxSubclass.values()) {
      for (int d = 0; d < 3; d++) {
        s.add(Iax2FrameEncoder.iax(1 + d, d, 3, 0, 0, sub, ies));
        s.add(Iax2FrameEncoder.iax(1 + d, d, 3, 0, 0, sub, List.of()));
      }
    }
    for (FrameType t : FrameType.values()) {
      s.add(Iax2FrameEncoder.full(5, 1, false, 100, 1, 1, t.code(), 4, new byte[160]));
    }
    s.add(Iax2FrameEncoder.mini(5, 20, new byte[160], 0, 160));
    return s;
  }

  @Test
  void aMillionRandomAndMutatedDatagramsThrowNothingAndTheTableStaysBounded() {
    SimNetwork net = new SimNetwork(42);
    ProtocolConfig cfg =
        ProtocolConfig.of(
                List.of(),
                List.of(
                    new ProtocolConfig.User(
                        "fax", "", Set.of(), List.of(MediaFormat.ALAW), false, 60)),
                ProtocolCallTest.KEY)
            .withAnonymous(
                new ProtocolConfig.User("", "", Set.of(), List.of(MediaFormat.ALAW), false, 60))
            .withMaxCalls(64);
    SimNetwork.Node victim = net.node("127.0.0.1", 4569, cfg);
    Random r = new Random(7);
    List<byte[]> seeds = seeds();
    int maxTable = 0;
    int maxIndex = 0;
    for (int i = 0; i < 1_000_000; i++) {
      byte[] b;
      if (i % 2 == 0) {
        b = new byte[r.nextInt(i % 1000 == 0 ? 5000 : 200)];
        r.nextBytes(b);
      } else {
        b = seeds.get(r.nextInt(seeds.size())).clone();
        int flips = 1 + r.nextInt(4);
        for (int k = 0; k < flips && b.length > 0; k++) {
          b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
        }
        if (r.nextInt(10) == 0) {
          b = java.util.Arrays.copyOf(b, r.nextInt(b.length + 1)); // truncated
        }
      }
      InetSocketAddress from = new InetSocketAddress("127.0.0.2", 1024 + r.nextInt(8));
      victim.protocol.receive(b, from, net.nowMillis());
      if (i % 1000 == 0) {
        net.nowMicros += 200_000; // time passes: timers, linger and expiry run
        victim.protocol.tick(net.nowMillis());
        // The endpoint rejects what it is offered, as the gateway's handler would.
        for (ProtocolEvent e : List.copyOf(victim.events)) {
          if (e instanceof ProtocolEvent.IncomingCall ic) {
            victim.protocol.reject(ic.call(), HangupCause.CALL_REJECTED, net.nowMillis());
          }
        }
        victim.events.clear();
      }
      maxTable = Math.max(maxTable, victim.protocol.tableSize());
      maxIndex = Math.max(maxIndex, victim.protocol.remoteIndexSize());
    }
    assertThat(victim.protocol.stats().internalErrors()).isZero();
    assertThat(maxIndex).isLessThanOrEqualTo(64); // memory stays flat: no index outgrows the table
    assertThat(maxTable).isLessThanOrEqualTo(64);
    assertThat(victim.protocol.stats().datagrams()).isEqualTo(1_000_000);
    assertThat(victim.protocol.stats().malformed()).isPositive();
    // Afterwards a real call still works.
    net.runFor(20_000);
    SimNetwork.Node caller =
        net.node("127.0.0.1", 4570, ProtocolCallTest.callerConfig(victim.address, "", false));
    victim.answering(() -> new NumberedAudio(10, 10), new java.util.HashMap<>());
    net.schedule(net.nowMicros, () -> caller.protocol.dial("b", "1", net.nowMillis()));
    net.runFor(3000);
    assertThat(caller.last(ProtocolEvent.Answered.class)).isNotNull();
  }

  @Test
  void tenThousandNewsWithoutTokenCreateNoStateWhileARealCallCompletes() {
    SimNetwork net = new SimNetwork(43);
    SimNetwork.Node b = net.node("127.0.0.1", 4569, ProtocolCallTest.calleeConfig(true));
    SimNetwork.Node a =
        net.node("127.0.0.1", 4570, ProtocolCallTest.callerConfig(b.address, "s3cret", true));
    java.util.Map<CallId, org.faxgw.iax2.CallAudio> audios = new java.util.HashMap<>();
    b.answering(() -> new NumberedAudio(10, 10), audios);
    Random r = new Random(3);
    int maxTable = 0;
    CallId legit = null;
    for (int i = 0; i < 10_000; i++) {
      if (i == 5_000) {
        legit = a.protocol.dial("b", "5550101", net.nowMillis());
      }
      // Spoofed ports; some with no CALLTOKEN, some with an empty one, some with a forged one.
      List<InformationElement> ies = new ArrayList<>();
      ies.add(InformationElement.of(IeType.VERSION, 2, 2));
      ies.add(InformationElement.of(IeType.USERNAME, i % 2 == 0 ? "fax" : "nobody"));
      ies.add(InformationElement.of(IeType.FORMAT, 0x08, 4));
      switch (i % 3) {
        case 0 -> {}
        case 1 -> ies.add(InformationElement.of(IeType.CALLTOKEN, new byte[0]));
        default ->
            ies.add(
                InformationElement.of(
                    IeType.CALLTOKEN, (net.nowMillis() / 1000) + "?" + "ab".repeat(20)));
      }
      byte[] nw = Iax2FrameEncoder.iax(1 + r.nextInt(0x7FFE), 0, 3, 0, 0, IaxSubclass.NEW, ies);
      net.inject(new InetSocketAddress("127.0.0.2", 1024 + r.nextInt(60_000)), b.address, nw);
      maxTable = Math.max(maxTable, b.protocol.tableSize());
      net.runFor(1); // 10 000 NEWs over 10 s, the legitimate call's frames interleaved
    }
    net.runFor(3000);
    assertThat(b.protocol.stats().rejectedWithoutToken()).isGreaterThan(3000);
    assertThat(b.protocol.stats().callTokensRejected()).isGreaterThan(3000);
    assertThat(b.events(ProtocolEvent.IncomingCall.class)).hasSize(1); // only the real one
    assertThat(maxTable).isLessThanOrEqualTo(1);
    assertThat(a.protocol.isUp(legit)).isTrue();
    CallId call = legit;
    net.schedule(
        net.nowMicros, () -> a.protocol.hangup(call, HangupCause.NORMAL_CLEARING, net.nowMillis()));
    net.runFor(1000);
    assertThat(b.last(ProtocolEvent.Ended.class).byRemote()).isTrue();
  }
}
