package org.faxgw.iax2.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import org.faxgw.iax2.FullFrame;
import org.faxgw.iax2.Iax2FrameDecoder;
import org.faxgw.iax2.Iax2FrameEncoder;
import org.faxgw.iax2.IaxSubclass;
import org.faxgw.iax2.IeType;
import org.faxgw.iax2.InformationElement;
import org.faxgw.iax2.MediaFormat;
import org.junit.jupiter.api.Test;

/** Registration both ways (RFC 5456 6.2-6.4), POKE, codec choice. */
class RegistrationTest {
  static final InetSocketAddress REGISTRAR = new InetSocketAddress("127.0.0.1", 4569);

  static SimNetwork.Node client(SimNetwork net, String secret, boolean token) {
    ProtocolConfig.Peer p =
        new ProtocolConfig.Peer(
            "r",
            REGISTRAR,
            "modem",
            secret,
            Set.of(AuthMethod.MD5),
            List.of(MediaFormat.ALAW),
            true,
            60,
            token);
    return net.node(
        "127.0.0.1", 4570, ProtocolConfig.of(List.of(p), List.of(), ProtocolCallTest.KEY));
  }

  static SimNetwork.Node registrar(SimNetwork net, boolean requireToken) {
    return net.node(
        "127.0.0.1",
        4569,
        ProtocolConfig.of(
            List.of(),
            List.of(ProtocolConfig.User.of("modem", "pw", requireToken)),
            ProtocolCallTest.KEY));
  }

  @Test
  void aClientRegistersWithMd5AndRefreshesBeforeExpiry() {
    SimNetwork net = new SimNetwork(1);
    SimNetwork.Node r = registrar(net, true);
    SimNetwork.Node c = client(net, "pw", true);
    net.runFor(1000);
    assertThat(c.events(ProtocolEvent.Registered.class)).hasSize(1);
    assertThat(r.protocol.registrations()).hasSize(1);
    assertThat(r.protocol.registrations().get(0).user()).isEqualTo("modem");
    assertThat(r.protocol.registrations().get(0).address()).isEqualTo("127.0.0.1:4570");
    long expires = r.protocol.registrations().get(0).expiresAtMillis();
    assertThat(expires).isBetween(60_000L, 61_000L);
    assertThat(r.protocol.stats().callTokensIssued()).isEqualTo(1);
    net.runFor(120_000);
    // Re-registered 5 s before each expiry: at about 55 s and 110 s; never lapsed.
    assertThat(c.events(ProtocolEvent.Registered.class)).hasSize(3);
    assertThat(r.events(ProtocolEvent.UserUnregistered.class)).isEmpty();
    assertThat(r.protocol.registrations().get(0).expiresAtMillis()).isGreaterThan(net.nowMillis());
    // Drain: REGREL releases it.
    net.schedule(net.nowMicros, () -> c.protocol.drain(net.nowMillis()));
    net.runFor(1000);
    assertThat(r.last(ProtocolEvent.UserUnregistered.class).reason()).isEqualTo("REGREL");
    assertThat(r.protocol.registrations()).isEmpty();
    net.runFor(20_000);
    assertThat(r.protocol.tableSize() + c.protocol.tableSize()).isZero();
  }

  @Test
  void aWrongSecretGetsRegrejAndNoRegistration() {
    SimNetwork net = new SimNetwork(2);
    SimNetwork.Node r = registrar(net, false);
    SimNetwork.Node c = client(net, "nope", false); // like iaxmodem: no CALLTOKEN
    net.runFor(1000);
    assertThat(c.events(ProtocolEvent.RegistrationFailed.class)).hasSize(1);
    assertThat(c.last(ProtocolEvent.RegistrationFailed.class).reason())
        .contains("Registration Refused");
    assertThat(r.protocol.registrations()).isEmpty();
    assertThat(r.protocol.stats().authFailures()).isEqualTo(1);
    net.runFor(61_000); // retried once a minute, refused again
    assertThat(c.events(ProtocolEvent.RegistrationFailed.class)).hasSize(2);
  }

  @Test
  void registrationExpiresWhenNotRefreshed() {
    SimNetwork net = new SimNetwork(3);
    SimNetwork.Node r = registrar(net, false);
    SimNetwork.Node c = client(net, "pw", false);
    net.runFor(1000);
    assertThat(r.protocol.registrations()).hasSize(1);
    net.drop = (n, b) -> n == c; // the client goes silent
    net.runFor(70_000);
    assertThat(r.protocol.registrations()).isEmpty();
    assertThat(r.last(ProtocolEvent.UserUnregistered.class).reason()).isEqualTo("expired");
  }

  @Test
  void pokeGetsPongWithoutState() {
    SimNetwork net = new SimNetwork(4);
    SimNetwork.Node r = registrar(net, true);
    SimNetwork.Node probe =
        net.node("127.0.0.1", 4999, ProtocolConfig.of(List.of(), List.of(), ProtocolCallTest.KEY));
    probe.recordSent = false;
    r.recordSent = true;
    byte[] poke = Iax2FrameEncoder.iax(77, 0, 3, 0, 0, IaxSubclass.POKE, List.of());
    net.inject(probe.address, r.address, poke);
    FullFrame pong = (FullFrame) Iax2FrameDecoder.decode(r.sent.get(0));
    assertThat(pong.iaxSubclass()).isEqualTo(IaxSubclass.PONG);
    assertThat(pong.destinationCall()).isEqualTo(77);
    assertThat(r.protocol.tableSize()).isZero();
  }

  @Test
  void codecChoiceFollowsFormatThenCapabilityThenRefuses() {
    List<MediaFormat> ours = List.of(MediaFormat.ALAW, MediaFormat.ULAW);
    assertThat(CodecChoice.choose(ours, newWith(0x04, 0x4C))).isEqualTo(MediaFormat.ULAW);
    assertThat(CodecChoice.choose(ours, newWith(0x40, 0x4C))).isEqualTo(MediaFormat.ALAW);
    assertThat(CodecChoice.choose(ours, newWith(0x02, 0x02))).isNull(); // GSM only
    // FORMAT2/CAPABILITY2 (version octet + 64 bits) win over the 32-bit forms.
    byte[] f2 = {0, 0, 0, 0, 0, 0, 0, 0, 0x04};
    FullFrame wide =
        frame(
            List.of(
                InformationElement.of(IeType.FORMAT, 0x08, 4),
                InformationElement.of(IeType.FORMAT2, f2)));
    assertThat(CodecChoice.choose(ours, wide)).isEqualTo(MediaFormat.ULAW);
  }

  @Test
  void aNewWithNoCommonCodecIsRejected() {
    SimNetwork net = new SimNetwork(5);
    SimNetwork.Node callee =
        net.node(
            "127.0.0.1",
            4569,
            ProtocolConfig.of(List.of(), List.of(), ProtocolCallTest.KEY)
                .withAnonymous(
                    new ProtocolConfig.User(
                        "", "", Set.of(), List.of(MediaFormat.ALAW), false, 60)));
    callee.recordSent = true;
    byte[] nw =
        Iax2FrameEncoder.iax(
            9,
            0,
            3,
            0,
            0,
            IaxSubclass.NEW,
            List.of(
                InformationElement.of(IeType.VERSION, 2, 2),
                InformationElement.of(IeType.FORMAT, 0x02, 4),
                InformationElement.of(IeType.CAPABILITY, 0x02, 4)));
    net.inject(new InetSocketAddress("127.0.0.1", 4575), callee.address, nw);
    List<FullFrame> sent =
        callee.sent.stream().map(b -> (FullFrame) Iax2FrameDecoder.decode(b)).toList();
    assertThat(sent)
        .extracting(FullFrame::iaxSubclass)
        .containsExactly(IaxSubclass.ACK, IaxSubclass.REJECT);
    assertThat(sent.get(1).element(IeType.CAUSE).orElseThrow().asString())
        .isEqualTo("No matching codec support");
    assertThat(callee.events(ProtocolEvent.IncomingCall.class)).isEmpty();
  }

  @Test
  void regackValuesFollowTheRfc() {
    // RFC 5456 8.6.17 as iaxmodem received it (interop notes 5.3): sockaddr_in, family 2.
    assertThat(
            java.util.HexFormat.of()
                .formatHex(
                    RegistrarElements.apparentAddress(new InetSocketAddress("127.0.0.1", 4570))))
        .isEqualTo("020011da7f0000010000000000000000");
    // RFC 5456 8.6.28: 2026-11-27 05:42:25 UTC.
    long t = java.time.Instant.parse("2026-11-27T05:42:25Z").toEpochMilli();
    assertThat(RegistrarElements.dateTime(t))
        .isEqualTo((26L << 25) | (11L << 21) | (27L << 16) | (5L << 11) | (42L << 5) | 12);
  }

  private static FullFrame newWith(long format, long capability) {
    return frame(
        List.of(
            InformationElement.of(IeType.FORMAT, format, 4),
            InformationElement.of(IeType.CAPABILITY, capability, 4)));
  }

  private static FullFrame frame(List<InformationElement> ies) {
    return (FullFrame)
        Iax2FrameDecoder.decode(Iax2FrameEncoder.iax(1, 0, 3, 0, 0, IaxSubclass.NEW, ies));
  }
}
