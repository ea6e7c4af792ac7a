package org.faxgw.iax2.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.faxgw.iax2.HangupCause;
import org.junit.jupiter.api.Test;

/**
 * A configuration reload's {@link Iax2Protocol#replacePeers}: a call in progress to a peer that is
 * removed goes on with its audio and ends normally; the removed peer can no longer be dialled; our
 * registration to a removed peer is released with REGREL, and one to a peer added back starts
 * again; a user removed from us loses its registration.
 */
class PeerReplacementTest {
  @Test
  void aCallInProgressOnARemovedPeerGoesOnAndTheRemovedPeerGetsNoNewCall() {
    ProtocolCallTest.Pair p = new ProtocolCallTest.Pair(11, "s3cret", true, true);
    var call = p.dial();
    p.net.runFor(2000);
    int before = p.callerAudio.received.size();

    p.net.schedule(
        p.net.nowMicros, () -> p.a.protocol.replacePeers(List.of(), List.of(), p.net.nowMillis()));
    p.net.runFor(5000);

    // the call goes on: audio keeps flowing both ways, nothing was hung up
    assertThat(p.callerAudio.received.size()).isGreaterThan(before + 200);
    assertThat(p.callerAudio.lostTicks).isZero();
    assertThat(p.a.events(ProtocolEvent.Ended.class)).isEmpty();
    assertThat(p.a.protocol.activeCalls()).isEqualTo(1);
    // a new call to the removed peer is refused at once
    assertThatThrownBy(() -> p.a.protocol.dial("b", "5550101", p.net.nowMillis()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no IAX2 peer named b");
    // and the call in progress ends normally
    p.net.schedule(
        p.net.nowMicros,
        () -> p.a.protocol.hangup(call, HangupCause.NORMAL_CLEARING, p.net.nowMillis()));
    p.net.runFor(1000);
    assertThat(p.b.last(ProtocolEvent.Ended.class).cause().code()).isEqualTo(16);
    assertThat(p.a.protocol.stats().internalErrors()).isZero();
  }

  @Test
  void aRemovedRegisteringPeerIsReleasedAndRegistersAgainWhenAddedBack() {
    SimNetwork net = new SimNetwork(12);
    SimNetwork.Node r = RegistrationTest.registrar(net, true);
    SimNetwork.Node c = RegistrationTest.client(net, "pw", true);
    net.runFor(1000);
    assertThat(r.protocol.registrations()).hasSize(1);
    List<ProtocolConfig.Peer> peers = c.protocol.config().peers();

    net.schedule(
        net.nowMicros, () -> c.protocol.replacePeers(List.of(), List.of(), net.nowMillis()));
    net.runFor(1000);
    assertThat(r.last(ProtocolEvent.UserUnregistered.class).reason()).isEqualTo("REGREL");
    assertThat(r.protocol.registrations()).isEmpty();
    net.runFor(120_000); // nothing renews it
    assertThat(r.protocol.registrations()).isEmpty();

    net.schedule(net.nowMicros, () -> c.protocol.replacePeers(peers, List.of(), net.nowMillis()));
    net.runFor(1000);
    assertThat(r.protocol.registrations()).hasSize(1);
  }

  @Test
  void aUserRemovedFromTheRegistrarLosesItsRegistration() {
    SimNetwork net = new SimNetwork(13);
    SimNetwork.Node r = RegistrationTest.registrar(net, true);
    RegistrationTest.client(net, "pw", true);
    net.runFor(1000);
    assertThat(r.protocol.registrations()).hasSize(1);

    net.schedule(
        net.nowMicros, () -> r.protocol.replacePeers(List.of(), List.of(), net.nowMillis()));
    net.runFor(1);

    assertThat(r.protocol.registrations()).isEmpty();
  }
}
