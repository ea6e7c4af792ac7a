package org.faxgw.t4;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Our G3/G4 TIFFs against libtiff (tiffinfo, tiffcp) in both directions, on a generated corpus of
 * 30 pages per resolution (text strokes, dither, blank, black, stripes, random rows, checker, edge
 * cases, long runs; widths 1728, 2048, 2432).
 */
class LibtiffInteropIT {
  static List<BilevelPage> fine;
  static List<BilevelPage> normal;

  @TempDir static Path dir;

  @BeforeAll
  static void corpus() {
    fine = TestPages.corpus(Resolution.FINE, 240);
    normal = TestPages.corpus(Resolution.NORMAL, 121);
  }

  static List<BilevelPage> pages(String res) {
    return res.equals("fine") ? fine : normal;
  }

  static List<Resolution> resolutions(List<BilevelPage> pages) {
    return pages.stream().map(BilevelPage::resolution).toList();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"MH,fine", "MH,normal", "MR,fine", "MR,normal", "MMR,fine", "MMR,normal"})
  void libtiffReadsWhatWeWrite(FaxCompression c, String res) throws Exception {
    List<BilevelPage> pages = pages(res);
    Path ours = dir.resolve("ours_" + c + "_" + res + ".tif");
    Files.write(ours, FaxTiffWriter.write(pages, c));
    Tools.Result info = Tools.runClean(dir, "tiffinfo", "-D", ours.toString());
    assertThat(info.stdout()).contains(c == FaxCompression.MMR ? "CCITT Group 4" : "CCITT Group 3");
    Path none = dir.resolve("ours_" + c + "_" + res + "_none.tif");
    Tools.runClean(dir, "tiffcp", "-c", "none", ours.toString(), none.toString());
    Tools.assertSamePages(
        Tools.readWithImageIo(none, resolutions(pages)), pages, "libtiff decode of our " + c);
    // Our reader on libtiff's uncompressed output, too.
    Tools.assertSamePages(
        FaxTiffReader.read(Files.readAllBytes(none)), pages, "our reader, uncompressed");
  }

  @Test
  void libtiffReadsOurMultiStripFiles() throws Exception {
    for (FaxCompression c : FaxCompression.values()) {
      Path ours = dir.resolve("strips_" + c + ".tif");
      try (var out = Files.newOutputStream(ours)) {
        FaxTiffWriter.write(normal, c, 37, out);
      }
      Tools.runClean(dir, "tiffinfo", "-D", ours.toString());
      Path none = dir.resolve("strips_" + c + "_none.tif");
      Tools.runClean(dir, "tiffcp", "-c", "none", ours.toString(), none.toString());
      Tools.assertSamePages(
          Tools.readWithImageIo(none, resolutions(normal)), normal, "multi-strip " + c);
    }
  }

  @ParameterizedTest(name = "tiffcp {0} {1}")
  @CsvSource({
    "g3,fine",
    "g3:2d,fine",
    "g3:fill,fine",
    "g3:2d:fill,normal",
    "g4,fine",
    "g4,normal",
    "g3:1d,normal"
  })
  void weReadWhatLibtiffWrites(String codec, String res) throws Exception {
    List<BilevelPage> pages = pages(res);
    Path src = dir.resolve("src_" + res + ".tif");
    Files.write(src, FaxTiffWriter.write(pages, FaxCompression.MMR));
    Path none = dir.resolve("src_" + res + "_none.tif");
    Tools.runClean(dir, "tiffcp", "-c", "none", src.toString(), none.toString());
    List<BilevelPage> reference = Tools.readWithImageIo(none, resolutions(pages));
    Tools.assertSamePages(reference, pages, "libtiff reference decode");
    String tag = codec.replace(':', '_');
    String[][] variants = {
      {}, {"-f", "lsb2msb"}, {"-r", "16"}, {"-f", "lsb2msb", "-r", "7"},
    };
    for (String[] extra : variants) {
      Path theirs = dir.resolve("lib_" + tag + "_" + res + "_" + extra.length + ".tif");
      String[] cmd = new String[5 + extra.length];
      cmd[0] = "tiffcp";
      cmd[1] = "-c";
      cmd[2] = codec;
      System.arraycopy(extra, 0, cmd, 3, extra.length);
      cmd[3 + extra.length] = none.toString();
      cmd[4 + extra.length] = theirs.toString();
      Tools.runClean(dir, cmd);
      List<BilevelPage> decoded = FaxTiffReader.read(Files.readAllBytes(theirs));
      Tools.assertSamePages(
          decoded, reference, "our decode of tiffcp -c " + codec + " " + String.join(" ", extra));
    }
  }

  @Test
  void weReadFillOrder2UncompressedAndBlackIsZero() throws Exception {
    List<BilevelPage> pages = normal.subList(0, 6);
    Path src = dir.resolve("bz.tif");
    Files.write(src, FaxTiffWriter.write(pages, FaxCompression.MH));
    Path none = dir.resolve("bz_none.tif");
    Tools.runClean(dir, "tiffcp", "-c", "none", src.toString(), none.toString());
    Path lsb = dir.resolve("bz_lsb.tif");
    Tools.runClean(dir, "tiffcp", "-c", "none", "-f", "lsb2msb", none.toString(), lsb.toString());
    Tools.assertSamePages(
        FaxTiffReader.read(Files.readAllBytes(lsb)), pages, "FillOrder 2 uncompressed");
    // PhotometricInterpretation 1 (BlackIsZero): the same bits mean the inverse picture.
    Path g4 = dir.resolve("bz_g4.tif");
    Tools.runClean(dir, "tiffcp", "-c", "g4", "-r", "50", none.toString(), g4.toString());
    Tools.runClean(dir, "tiffset", "-s", "262", "1", g4.toString());
    Path g4none = dir.resolve("bz_g4_none.tif");
    Tools.runClean(dir, "tiffcp", "-c", "none", g4.toString(), g4none.toString());
    List<BilevelPage> reference = Tools.readWithImageIo(g4none, resolutions(pages));
    assertThat(reference.get(0).blackPixels() + pages.get(0).blackPixels())
        .as("BlackIsZero inverts the picture")
        .isEqualTo((long) pages.get(0).width() * pages.get(0).height());
    Tools.assertSamePages(FaxTiffReader.read(Files.readAllBytes(g4)), reference, "BlackIsZero G4");
  }
}
