package org.faxgw.gateway.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.faxgw.t30.ImageBurstReceiver;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.FaxTiffReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Acceptance: from the caller's (fax sender's) audio of each recorded call, analyze trains on the
 * TCF with no bit error, recovers every ECM frame HylaFAX sent with a good FCS, and decodes each
 * page to exactly the pixels of the TIFF HylaFAX wrote on receipt (no differing row).
 */
class RealCallImageTest {
  static List<String> calls() {
    return CallFixture.ALL;
  }

  static List<String> ecmCalls() {
    return List.of("s-v17-ecm-mmr-alaw-3p", "s-v17-ecm-mmr-slin-1p");
  }

  @ParameterizedTest
  @MethodSource("calls")
  void trainsOnTcfWithoutBitErrors(String name) {
    CallAnalyzer.Result r = RealCallSupport.analyse(CallFixture.of(name)).caller();
    assertNoMissingReceiver(r);
    List<TimelineEvent.Burst> tcf =
        RealCallSupport.bursts(r).stream()
            .filter(b -> b.purpose() == ImageBurstReceiver.Purpose.TCF)
            .toList();
    assertThat(tcf).as("TCF bursts").hasSize(1);
    TimelineEvent.Burst b = tcf.get(0);
    assertThat(b.training()).isEqualTo(ImageBurstReceiver.Training.OK);
    // T.30: TCF is 1.5 s of zeros, +-10 %
    assertThat(b.bits()).isBetween((long) (1.35 * b.bitRate()), (long) (1.65 * b.bitRate()));
    assertThat(b.ones()).as("TCF bit errors").isZero();
    assertThat(b.longestZeroRun()).isGreaterThanOrEqualTo((long) (1.35 * b.bitRate()));
  }

  @ParameterizedTest
  @MethodSource("calls")
  void pagesEqualWhatHylaFaxReceived(String name) throws Exception {
    CallFixture call = CallFixture.of(name);
    CallAnalyzer.Result r = RealCallSupport.analyse(call).caller();
    assertNoMissingReceiver(r);
    List<BilevelPage> expected = FaxTiffReader.read(Files.readAllBytes(call.receivedTiff()));
    List<CallAnalyzer.DecodedPage> got = r.pages();
    assertThat(got).as("pages").hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      BilevelPage want = expected.get(i);
      BilevelPage page = got.get(i).page();
      assertThat(page.width()).as("page " + (i + 1) + " width").isEqualTo(want.width());
      assertThat(page.height()).as("page " + (i + 1) + " rows").isEqualTo(want.height());
      assertThat(differingRows(page, want)).as("page " + (i + 1) + " differing rows").isZero();
    }
    for (TimelineEvent e : r.events()) {
      if (e instanceof TimelineEvent.Page p) {
        assertThat(p.badRows()).isZero();
        assertThat(p.status()).isEqualTo("complete");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("ecmCalls")
  void recoversEveryEcmFrameHylaFaxSent(String name) throws Exception {
    CallFixture call = CallFixture.of(name);
    CallAnalyzer.Result r = RealCallSupport.analyse(call).caller();
    assertNoMissingReceiver(r);
    List<Integer> sent = new ArrayList<>();
    Matcher m =
        Pattern.compile("SEND send frame number (\\d+)").matcher(Files.readString(call.sendLog()));
    while (m.find()) {
      sent.add(Integer.parseInt(m.group(1)));
    }
    assertThat(sent).isNotEmpty();
    List<Integer> got = new ArrayList<>();
    int rcp = 0;
    for (TimelineEvent e : r.events()) {
      if (e instanceof TimelineEvent.Frame f && !f.carrier().equals("V.21") && f.fcsOk()) {
        if (f.name().equals("FCD")) {
          got.add(f.octets()[3] & 0xFF);
        } else if (f.name().equals("RCP")) {
          rcp++;
        }
      }
    }
    assertThat(got).as("FCD frame numbers with a good FCS, in order").isEqualTo(sent);
    long ppsCount =
        RealCallSupport.v21Frames(r).stream().filter(f -> f.name().startsWith("PPS")).count();
    assertThat(rcp).as("RCP frames (three per block, T.4 A.3.6.2)").isEqualTo(3 * (int) ppsCount);
  }

  static int differingRows(BilevelPage a, BilevelPage b) {
    int stride = a.stride();
    byte[] ra = new byte[stride];
    byte[] rb = new byte[stride];
    int diff = 0;
    for (int y = 0; y < Math.min(a.height(), b.height()); y++) {
      a.rowInto(y, ra, 0);
      b.rowInto(y, rb, 0);
      if (!Arrays.equals(ra, rb)) {
        diff++;
      }
    }
    return diff + Math.abs(a.height() - b.height());
  }

  private static void assertNoMissingReceiver(CallAnalyzer.Result r) {
    assertThat(r.events())
        .filteredOn(e -> e instanceof TimelineEvent.Note)
        .extracting(e -> ((TimelineEvent.Note) e).text())
        .noneMatch(t -> t.startsWith("no receiver"));
  }
}
