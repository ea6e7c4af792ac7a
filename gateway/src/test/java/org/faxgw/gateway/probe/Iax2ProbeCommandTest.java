package org.faxgw.gateway.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.faxgw.gateway.Main;
import org.faxgw.iax2.CallAudio;
import org.faxgw.iax2.HangupCause;
import org.faxgw.iax2.transport.Iax2EndpointConfig;
import org.faxgw.iax2.transport.NettyIax2Endpoint;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code faxgw iax2 probe} against a second endpoint on 127.0.0.1 that answers with CED. */
class Iax2ProbeCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int probe(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "iax2";
    all[1] = "probe";
    System.arraycopy(args, 0, all, 2, args.length);
    return new CommandLine(new Main())
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(all);
  }

  /** Answers with 2 s of CED (T.30 4.2: 2100 Hz), then silence. */
  static final class Ced implements CallAudio {
    long n;

    @Override
    public void played(short[] s, int off, int len) {}

    @Override
    public void lost(int samples) {}

    @Override
    public void next(short[] o, int off, int len) {
      for (int i = 0; i < len; i++, n++) {
        o[off + i] = n < 16000 ? (short) (8000 * Math.sin(2 * Math.PI * 2100 * n / 8000.0)) : 0;
      }
    }
  }

  private static NettyIax2Endpoint callee() {
    return NettyIax2Endpoint.start(
        Iax2EndpointConfig.of(new InetSocketAddress("127.0.0.1", 0))
            .withUsers(List.of(Iax2EndpointConfig.User.of("probe-user", "pw"))));
  }

  @Test
  void answeredCallPrintsLadderCodecAndTheToneHeard() {
    try (NettyIax2Endpoint callee = callee()) {
      String[] did = new String[1];
      callee.onIncoming(
          in -> {
            did[0] = in.calledNumber();
            in.answer(new Ced(), (c, r) -> {});
          });
      int code =
          probe(
              "127.0.0.1:" + callee.localAddress().getPort(),
              "--user",
              "probe-user",
              "--secret",
              "pw",
              "--number",
              "5550101",
              "--seconds",
              "3");
      String text = out.toString();
      assertThat(code).as(text + err).isEqualTo(0);
      assertThat(did[0]).isEqualTo("5550101");
      assertThat(text)
          .contains("IAX NEW", "IAX AUTHREQ", "IAX AUTHREP", "IAX ACCEPT", "CONTROL ANSWER")
          .contains("IAX LAGRQ", "IAX LAGRP", "LAGRQ/LAGRP")
          .contains("IAX HANGUP")
          .contains("codec:      ALAW")
          .contains("CED tone");
    }
  }

  @Test
  void refusedCallSaysWhy() {
    try (NettyIax2Endpoint callee = callee()) {
      callee.onIncoming(in -> in.reject(HangupCause.USER_BUSY));
      int code =
          probe(
              "127.0.0.1:" + callee.localAddress().getPort(),
              "--user",
              "probe-user",
              "--secret",
              "pw",
              "--seconds",
              "1");
      assertThat(code).isEqualTo(1);
      assertThat(err.toString()).contains("refused the call").contains("17");
    }
  }

  @Test
  void silentPeerGivesOneLineNoAnswer() throws Exception {
    try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      int code = probe("127.0.0.1:" + silent.getLocalPort(), "--timeout", "2", "--seconds", "1");
      assertThat(code).isEqualTo(2);
      assertThat(err.toString().strip())
          .startsWith("faxgw iax2 probe: no answer from 127.0.0.1:" + silent.getLocalPort())
          .doesNotContain("\n");
      assertThat(out.toString()).contains("IAX NEW");
    }
  }

  @Test
  void badCodecIsAUsageError() {
    assertThat(probe("127.0.0.1", "--codec", "gsm")).isEqualTo(64);
    assertThat(err.toString()).contains("--codec must be alaw, ulaw or slinear");
  }
}
