package org.faxgw.gateway.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.faxgw.iax2.MediaFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The audio rebuilt from each recorded pcap equals, byte for byte, the per-direction audio the lab
 * extracted with its own independent reader (fixtures' audio/ files).
 */
class Iax2AudioExtractorTest {
  static List<String> calls() {
    return CallFixture.ALL;
  }

  @ParameterizedTest
  @MethodSource("calls")
  void extractedAudioEqualsTheFixtureAudio(String name) throws Exception {
    CallFixture call = CallFixture.of(name);
    PcapReader.Result cap = PcapReader.read(Files.readAllBytes(call.pcap()));
    assertThat(cap.truncated()).isFalse();
    Iax2AudioExtractor.Extraction x = Iax2AudioExtractor.extract(cap.datagrams());
    assertThat(x.malformedFrames()).isZero();
    assertThat(x.directions()).hasSize(2);
    DirectionAudio caller =
        x.directions().stream().filter(d -> d.role().equals("caller")).findFirst().orElseThrow();
    DirectionAudio callee =
        x.directions().stream().filter(d -> d.role().equals("callee")).findFirst().orElseThrow();
    assertThat(caller.source()).endsWith(":4570");
    assertThat(callee.source()).endsWith(":4571");
    MediaFormat expected =
        switch (call.codec()) {
          case "alaw" -> MediaFormat.ALAW;
          case "ulaw" -> MediaFormat.ULAW;
          default -> MediaFormat.SLINEAR;
        };
    assertThat(caller.format()).isEqualTo(expected);
    assertThat(callee.format()).isEqualTo(expected);
    byte[] wantCaller = Files.readAllBytes(call.callerAudio());
    byte[] wantCallee = Files.readAllBytes(call.calleeAudio());
    assertThat(caller.audio().length).isEqualTo(wantCaller.length);
    assertThat(Arrays.equals(caller.audio(), wantCaller)).as("caller audio bytes").isTrue();
    assertThat(callee.audio().length).isEqualTo(wantCallee.length);
    assertThat(Arrays.equals(callee.audio(), wantCallee)).as("callee audio bytes").isTrue();
    assertThat(caller.missingFrames()).isZero();
    assertThat(caller.fullVoiceFrames()).isGreaterThanOrEqualTo(1);
    assertThat(x.signalling()).anyMatch(s -> s.contains("IAX NEW"));
    assertThat(x.signalling()).anyMatch(s -> s.contains("CAUSE=\"Normal disconnect\""));
  }
}
