package org.faxgw.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.faxgw.gateway.admin.AdminClient;
import org.faxgw.gateway.config.FaxLineConfig;
import org.faxgw.gateway.line.dispatch.Dispatcher;
import org.faxgw.gateway.line.send.TaglineFormat;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.JobState;
import org.faxgw.render.Tagline;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.FaxTiffReader;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Email to fax to HylaFAX, live: swaks mails a one-page PDF to faxgw, faxgw dials a real iaxmodem
 * over IAX2 on 127.0.0.1, HylaFAX's faxgetty receives. The page in HylaFAX's recvq TIFF equals the
 * page faxgw rendered, row for row below the tagline, and the tagline band equals the tagline the
 * configured format gives for the job (imaged the same way, from the date the call recorded);
 * HylaFAX's xferfaxlog RECV record and faxgw's job agree on pages, signal rate and ECM. The CI
 * sample covers each codec, ECM on and off and a low-rate modem profile; {@code
 * -Dfaxgw.live.full=true} runs the whole matrix (see the README).
 */
class EmailToHylafaxIT {
  @TempDir Path dir;

  /** The CI sample, or with {@code -Dfaxgw.live.full=true} every codec x ECM x modem profile. */
  static Stream<Arguments> matrix() {
    if (Boolean.getBoolean("faxgw.live.full")) {
      List<Arguments> all = new java.util.ArrayList<>();
      for (String codec : List.of("alaw", "ulaw", "slinear")) {
        all.add(Arguments.of(codec, true, ModemProfile.DEFAULT));
        all.add(Arguments.of(codec, false, ModemProfile.DEFAULT));
        all.add(Arguments.of(codec, false, ModemProfile.LOWRATE));
        all.add(Arguments.of(codec, false, ModemProfile.V27MH));
      }
      return all.stream();
    }
    return Stream.of(
        Arguments.of("alaw", true, ModemProfile.DEFAULT),
        Arguments.of("ulaw", false, ModemProfile.DEFAULT),
        Arguments.of("slinear", true, ModemProfile.DEFAULT),
        Arguments.of("alaw", false, ModemProfile.V27MH));
  }

  @ParameterizedTest(name = "{0} ecm={1} profile={2}")
  @MethodSource("matrix")
  void aMailedPdfArrivesInHylafaxExactlyBelowTheTagline(
      String codec, boolean ecm, ModemProfile profile) throws Exception {
    Instant startedAt = Instant.now();
    try (FaxLab lab = FaxLab.create()) {
      int modemPort = LabPorts.freeUdpPort();
      int ourIax = LabPorts.freeUdpPort();
      int smtp = LabPorts.freeTcpPort();
      int admin = LabPorts.freeTcpPort();
      FaxLab.IaxModem modem =
          lab.startModem(IaxModemConfig.dialing(modemPort, "127.0.0.1:" + ourIax).withCodec(codec));
      lab.startFaxgetty(modem, profile, "+1.555.555.0101");
      String yaml =
          """
          smtp: {listen: "127.0.0.1:%d"}
          admin: {listen: "127.0.0.1:%d"}
          iax2:
            listen: "127.0.0.1:%d"
            peers:
              - {name: modem, host: 127.0.0.1, port: %d, codecs: [%s]}
          fax:
            localId: "+1 604 555 0100"
            ecm: %s
            lines:
              - {peer: modem, direction: send}
          """
              .formatted(smtp, admin, ourIax, modemPort, codec, ecm);
      try (GatewayUnderTest gw = new GatewayUnderTest(dir.resolve("gw"), yaml)) {
        Path pdf = Path.of(System.getProperty("faxgw.root", "..")).resolve("samples/loopback.pdf");
        mail(smtp, pdf);
        FaxLab.await(
            "faxgw's job to end",
            Duration.ofSeconds(240),
            () -> !gw.gateway.jobs().list(JobState.DONE_QUEUE).isEmpty(),
            modem.faxgetty());
        FaxJob job = gw.gateway.jobs().list(JobState.DONE_QUEUE).get(0);
        assertThat(job.state())
            .as("%s\n%s", job.status(), lab.diagnostics())
            .isEqualTo(JobState.DONE);
        assertThat(job.progress().pagesConfirmed()).isEqualTo(1);
        assertThat(job.progress().ecm()).isEqualTo(ecm && profile == ModemProfile.DEFAULT);
        Path recvq = lab.spool().resolve("recvq");
        FaxLab.await(
            "HylaFAX's recvq TIFF", Duration.ofSeconds(30), () -> tiffIn(recvq).isPresent(), null);
        List<BilevelPage> theirs =
            FaxTiffReader.read(Files.readAllBytes(tiffIn(recvq).orElseThrow()));
        List<BilevelPage> ours =
            FaxTiffReader.read(Files.readAllBytes(gw.data().resolve("spool").resolve(job.tiff())));
        assertThat(theirs).hasSize(1);
        BilevelPage t = theirs.get(0);
        BilevelPage o = ours.get(0);
        assertThat(t.width()).isEqualTo(o.width());
        int band = Tagline.bandRows(o.resolution());
        byte[] tr = t.rows();
        byte[] or = o.rows();
        int rows = Math.min(t.height(), o.height());
        assertThat(Arrays.copyOfRange(tr, band * t.stride(), rows * t.stride()))
            .as("the page below the tagline")
            .isEqualTo(Arrays.copyOfRange(or, band * o.stride(), rows * o.stride()));
        // HylaFAX's accounting (log/xferfaxlog in this build) agrees with our job
        String xfer = Files.readString(lab.spool().resolve("log/xferfaxlog"));
        String recv =
            xfer.lines().filter(l -> l.contains("\tRECV\t")).reduce((a, b) -> b).orElseThrow();
        String[] f = recv.split("\t");
        assertThat(f[10]).isEqualTo("1");
        long params = Long.parseLong(f[9]);
        int br = (int) (params >> 3 & 0xF);
        int[] bps = {2400, 4800, 7200, 9600, 12000, 14400};
        assertThat(bps[br]).isEqualTo(job.progress().signalRate());
        assertThat((params >> 16 & 1) == 1).isEqualTo(job.progress().ecm());
        assertThat(f[8]).isEqualTo("\"+1 604 555 0100\""); // our TSI as HylaFAX heard it
        theTaglineSaysWhatItShould(gw, job, t, o, startedAt);
        if (profile == ModemProfile.V27MH) {
          // the slowest page of the sample: faxrm during it ends the call at once
          faxrmDuringTheCallEndsIt(lab, modem, gw, smtp, pdf);
        }
      }
    }
  }

  /**
   * The tagline band of HylaFAX's page equals, pixel for pixel, the tagline the configured format
   * gives for this job (date, our TSI, the number, page 1 of 1) imaged by render's {@link Tagline}
   * onto a blank page: the format and the date come from what the call recorded in its session log
   * ({@code TAGLINE "<format>" AT <date>}), the date being checked to lie within this test's run. A
   * control with the wrong page number, and one with the date a second off, are told apart.
   */
  private static void theTaglineSaysWhatItShould(
      GatewayUnderTest gw, FaxJob job, BilevelPage theirs, BilevelPage ours, Instant startedAt)
      throws Exception {
    String session =
        Files.readString(gw.data().resolve("log").resolve("c" + job.progress().commId()));
    Matcher m = Pattern.compile("TAGLINE \"(.*)\" AT (\\S+)").matcher(session);
    assertThat(m.find()).as("the tagline recorded in the session log\n%s", session).isTrue();
    assertThat(m.group(1)).isEqualTo(FaxLineConfig.DEFAULT_TAGLINE);
    ZonedDateTime at = ZonedDateTime.parse(m.group(2));
    assertThat(at.toInstant()).isBetween(startedAt.minusSeconds(1), Instant.now());
    TaglineFormat format = new TaglineFormat(m.group(1));
    String tsi = "+1 604 555 0100";
    int band = Tagline.bandRows(ours.resolution());
    byte[] got = Arrays.copyOfRange(theirs.rows(), 0, band * theirs.stride());
    byte[] expected = band(ours, format.fields(at, tsi, job.number(), 1, 1, job.id()), band);
    assertThat(expected).as("the tagline has ink").isNotEqualTo(new byte[expected.length]);
    assertThat(got)
        .as("the tagline band: %s", format.fields(at, tsi, job.number(), 1, 1, job.id()))
        .isEqualTo(expected);
    // controls: a wrong page number or a date a second off images differently
    assertThat(got)
        .isNotEqualTo(band(ours, format.fields(at, tsi, job.number(), 2, 1, job.id()), band));
    assertThat(got)
        .isNotEqualTo(
            band(ours, format.fields(at.plusSeconds(1), tsi, job.number(), 1, 1, job.id()), band));
  }

  private static void mail(int smtp, Path pdf) {
    FaxLab.run(
        List.of(
            "swaks",
            "--server",
            "127.0.0.1:" + smtp,
            "--from",
            "alice@example.com",
            "--to",
            "5555550101@fax.local",
            "--header",
            "X-Fax-Cover: no",
            "--attach-type",
            "application/pdf",
            "--attach",
            "@" + pdf),
        Duration.ofSeconds(60));
  }

  /**
   * faxrm (the admin API's DELETE, as {@code faxgw faxrm} sends it) of a job whose page is on the
   * line ends the call at once: the line is idle again within 15 s (the lease renewal that used to
   * notice a removal comes only after {@code leaseTtl / 2} = 30 s), the call's session log and
   * xferfaxlog SEND record give "Job removed by user", and HylaFAX's faxgetty received our DCN.
   */
  private static void faxrmDuringTheCallEndsIt(
      FaxLab lab, FaxLab.IaxModem modem, GatewayUnderTest gw, int smtp, Path pdf) throws Exception {
    FaxLab.await(
        "faxgetty idle again",
        Duration.ofSeconds(60),
        () -> lab.modemStatus(modem.device()).contains("idle"),
        modem.faxgetty());
    FaxLab.pause(Duration.ofMillis(5500)); // iaxmodem's busy-out after faxgetty's ATH0
    mail(smtp, pdf);
    AdminClient admin = new AdminClient(gw.config.admin().listen());
    FaxLab.await(
        "the second call to send its page (rate negotiated)",
        Duration.ofSeconds(180),
        () -> linesSay(admin, "bit/s"),
        modem.faxgetty());
    FaxJob active = gw.gateway.jobs().list(java.util.EnumSet.of(JobState.ACTIVE)).get(0);
    long removedAt = System.nanoTime();
    assertThat(admin.delete("/v1/jobs/" + active.id()).ok()).isTrue();
    FaxLab.await(
        "the line idle after faxrm", Duration.ofSeconds(15), () -> linesSay(admin, "idle"), null);
    long ms = (System.nanoTime() - removedAt) / 1_000_000;
    System.out.println("faxrm during the call: line idle " + ms + " ms after the DELETE");
    assertThat(gw.gateway.jobs().find(active.id())).isEmpty();
    FaxLab.await(
        "the SEND record of the removed job",
        Duration.ofSeconds(10),
        () -> xferSend(gw, active.id()).contains(Dispatcher.REMOVED),
        null);
    String session = sessionLogOf(gw, active.id());
    assertThat(session).contains("ANSWERED").contains("SESSION END").contains(Dispatcher.REMOVED);
    // HylaFAX's side of the second call: its session log ends
    FaxLab.await(
        "HylaFAX's session log of the second call to end",
        Duration.ofSeconds(60),
        () -> lab.sessionLogs().size() >= 2 && lastOf(lab.sessionLogs()).contains("SESSION END"),
        modem.faxgetty());
    String theirs = lastOf(lab.sessionLogs());
    assertThat(theirs).as("HylaFAX heard our DCN").contains("RECV recv DCN");
    System.out.println(
        "HylaFAX's log of the removed call (end):\n"
            + theirs.substring(Math.max(0, theirs.length() - 1500)));
  }

  private static String lastOf(java.util.Map<String, String> logs) {
    String last = "";
    for (String v : logs.values()) {
      last = v;
    }
    return last;
  }

  private static boolean linesSay(AdminClient admin, String state) {
    try {
      AdminClient.Reply r = admin.get("/v1/lines");
      return r.ok() && r.body().toString().contains(state);
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private static String xferSend(GatewayUnderTest gw, long id) {
    try {
      Path x = gw.data().resolve("xferfaxlog");
      if (!Files.exists(x)) {
        return "";
      }
      return Files.readString(x)
          .lines()
          .filter(l -> l.contains("\tSEND\t") && l.contains("\t" + id + "\t"))
          .reduce("", (a, b) -> b);
    } catch (java.io.IOException e) {
      return "";
    }
  }

  private static String sessionLogOf(GatewayUnderTest gw, long id) throws Exception {
    try (Stream<Path> s = Files.list(gw.data().resolve("log"))) {
      for (Path f : s.toList()) {
        String text = Files.readString(f);
        if (text.contains("SEND FAX: JOB " + id + " ")) {
          return text;
        }
      }
    }
    throw new AssertionError("no session log of job " + id);
  }

  /** The first {@code band} rows of a blank page like {@code like} with these fields stamped. */
  private static byte[] band(BilevelPage like, List<String> fields, int band) {
    BilevelPage blank = BilevelPage.blank(like.width(), like.height(), like.resolution());
    return Arrays.copyOfRange(Tagline.stamp(blank, fields).rows(), 0, band * like.stride());
  }

  private static Optional<Path> tiffIn(Path recvq) {
    if (!Files.isDirectory(recvq)) {
      return Optional.empty();
    }
    try (Stream<Path> s = Files.list(recvq)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".tif")).findFirst();
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
  }
}
