package org.faxgw.t4;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.faxgw.fixtures.RecordedCalls;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TIFFs written by HylaFAX on receipt of real fax calls (the fixtures module's
 * calls/PROVENANCE.md): our reader decodes them to libtiff's pixels, and the non-ECM ones, whose
 * strips hold the MR data as it came off the line (FillOrder 2 = line order), decode the same
 * through the streaming decoder fed bit by bit.
 */
class ReceivedTiffIT {
  @TempDir Path dir;

  static byte[] golden(String name) {
    return RecordedCalls.receivedTiff(name);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "s-v17-ecm-mmr-alaw-3p",
        "s-v17-ecm-mmr-slin-1p",
        "s-v17-noecm-mr-alaw-1p",
        "s-v29-7200-mr-ulaw-1p",
        "s-v27ter-4800-mr-alaw-1p"
      })
  void ourReaderMatchesLibtiff(String name) throws Exception {
    byte[] tiff = golden(name);
    Path f = dir.resolve(name + ".tif");
    Files.write(f, tiff);
    Tools.runClean(dir, "tiffinfo", "-D", f.toString());
    Path none = dir.resolve(name + "_none.tif");
    Tools.runClean(dir, "tiffcp", "-c", "none", f.toString(), none.toString());
    List<BilevelPage> ours = FaxTiffReader.read(tiff);
    List<BilevelPage> lib =
        Tools.readWithImageIo(none, ours.stream().map(BilevelPage::resolution).toList());
    Tools.assertSamePages(ours, lib, name);
    assertThat(ours.get(0).blackPixels()).as("a page with ink").isPositive();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"s-v17-noecm-mr-alaw-1p", "s-v29-7200-mr-ulaw-1p", "s-v27ter-4800-mr-alaw-1p"})
  void receivedLineDataStreamsToTheSamePage(String name) throws Exception {
    byte[] tiff = golden(name);
    Path f = dir.resolve(name + ".tif");
    Files.write(f, tiff);
    // Strip offsets and sizes as libtiff reports them.
    String strips = Tools.runClean(dir, "tiffinfo", "-s", f.toString()).stdout();
    Matcher m = Pattern.compile("\\d+: \\[\\s*(\\d+),\\s*(\\d+)\\]").matcher(strips);
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (m.find()) {
      line.write(tiff, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }
    byte[] data = line.toByteArray();
    assertThat(data.length).isGreaterThan(1000);
    BilevelPage expected = FaxTiffReader.read(tiff).get(0);
    T4StreamDecoder d = new T4StreamDecoder(expected.width(), null, expected.resolution());
    for (byte b : data) {
      for (int k = 0; k < 8 && !d.isPageComplete(); k++) {
        d.putBit((b >>> k) & 1); // FillOrder 2: first bit on the line in the least significant bit
      }
    }
    if (!d.isPageComplete()) {
      d.endOfData();
    }
    assertThat(d.coding()).isEqualTo(FaxCompression.MR);
    assertThat(d.badRows()).isZero();
    assertThat(Tools.firstDifferentRow(d.page(), expected)).isEqualTo(-1);
  }
}
