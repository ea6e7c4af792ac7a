package org.faxgw.t4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Bad input to the TIFF reader: a clear T4FormatException, never an unbounded allocation. */
class FaxTiffReaderTest {
  static final List<BilevelPage> PAGES =
      List.of(
          TestPages.text(1728, 80, Resolution.FINE, 1),
          TestPages.edges(2048, 40, Resolution.NORMAL, 2));

  /** Offset of the IFD entry with {@code tag} in the first IFD of one of our files. */
  static int entry(byte[] tiff, int tag) {
    ByteBuffer b = ByteBuffer.wrap(tiff).order(ByteOrder.LITTLE_ENDIAN);
    int ifd = b.getInt(4);
    int n = b.getShort(ifd) & 0xFFFF;
    for (int i = 0; i < n; i++) {
      int e = ifd + 2 + 12 * i;
      if ((b.getShort(e) & 0xFFFF) == tag) {
        return e;
      }
    }
    throw new AssertionError("no tag " + tag);
  }

  static byte[] withValue(byte[] tiff, int tag, int value) {
    byte[] t = tiff.clone();
    ByteBuffer b = ByteBuffer.wrap(t).order(ByteOrder.LITTLE_ENDIAN);
    int e = entry(t, tag);
    if ((b.getShort(e + 2) & 0xFFFF) == 3) {
      b.putShort(e + 8, (short) value);
    } else {
      b.putInt(e + 8, value);
    }
    return t;
  }

  @Test
  void readsOurOwnFilesFromAStream() throws Exception {
    byte[] tiff = FaxTiffWriter.write(PAGES, FaxCompression.MR);
    assertThat(FaxTiffReader.read(new ByteArrayInputStream(tiff))).isEqualTo(PAGES);
  }

  @Test
  void rejectsWhatIsNotATiff() {
    assertThatThrownBy(() -> FaxTiffReader.read(new byte[] {1, 2, 3}))
        .isInstanceOf(T4FormatException.class)
        .hasMessageContaining("not a TIFF");
    assertThatThrownBy(() -> FaxTiffReader.read("%PDF-1.4 and so on".getBytes()))
        .isInstanceOf(T4FormatException.class)
        .hasMessageContaining("byte order");
  }

  @Test
  void lyingHeadersAreNamed() {
    byte[] tiff = FaxTiffWriter.write(PAGES, FaxCompression.MH);
    assertThatThrownBy(() -> FaxTiffReader.read(withValue(tiff, 256, 100_000)))
        .isInstanceOf(T4FormatException.class)
        .hasMessageContaining("ImageWidth 100000");
    assertThatThrownBy(() -> FaxTiffReader.read(withValue(tiff, 257, 0x7FFF_FFFF)))
        .isInstanceOf(T4FormatException.class)
        .hasMessageContaining("ImageLength");
    // A taller page than the data holds: the strip runs out, no huge allocation.
    assertThatThrownBy(() -> FaxTiffReader.read(withValue(tiff, 257, 65535)))
        .isInstanceOf(T4FormatException.class)
        .hasMessageContaining("820 strips needed");
    assertThatThrownBy(() -> FaxTiffReader.read(withValue(withValue(tiff, 257, 65535), 278, 65535)))
        .isInstanceOf(T4FormatException.class)
        .hasMessageContaining("page 1")
        .hasMessageContaining("ends after row 80");
    assertThatThrownBy(() -> FaxTiffReader.read(withValue(tiff, 258, 8)))
        .isInstanceOf(T4FormatException.class)
        .hasMessageContaining("BitsPerSample 8");
    assertThatThrownBy(() -> FaxTiffReader.read(withValue(tiff, 259, 7)))
        .isInstanceOf(T4FormatException.class)
        .hasMessageContaining("Compression 7");
    assertThatThrownBy(() -> FaxTiffReader.read(withValue(tiff, 273, tiff.length - 3)))
        .isInstanceOf(T4FormatException.class)
        .hasMessageContaining("outside the file");
    assertThatThrownBy(() -> FaxTiffReader.read(withValue(tiff, 279, 0x7FFF_0000)))
        .isInstanceOf(T4FormatException.class)
        .hasMessageContaining("outside the file");
  }

  @Test
  void ifdLoopsAreCaught() {
    byte[] t = FaxTiffWriter.write(PAGES.subList(0, 1), FaxCompression.MMR);
    ByteBuffer b = ByteBuffer.wrap(t).order(ByteOrder.LITTLE_ENDIAN);
    int ifd = b.getInt(4);
    int n = b.getShort(ifd) & 0xFFFF;
    b.putInt(ifd + 2 + 12 * n, ifd); // next IFD = itself
    assertThatThrownBy(() -> FaxTiffReader.read(t))
        .isInstanceOf(T4FormatException.class)
        .hasMessageContaining("loops");
  }

  @Test
  void corruptCodedDataNamesTheRow() {
    byte[] tiff = FaxTiffWriter.write(PAGES, FaxCompression.MH);
    ByteBuffer b = ByteBuffer.wrap(tiff).order(ByteOrder.LITTLE_ENDIAN);
    int strip = b.getInt(entry(tiff, 273) + 8);
    for (int i = 0; i < 40; i++) {
      tiff[strip + 20 + i] = (byte) 0xFF;
    }
    assertThatThrownBy(() -> FaxTiffReader.read(tiff))
        .isInstanceOf(T4FormatException.class)
        .hasMessageContaining("page 1 strip 0: row");
  }

  @Test
  void mutatedFilesFailCleanly() {
    Random r = new Random(42);
    List<BilevelPage> small =
        List.of(
            TestPages.text(1728, 30, Resolution.FINE, 3),
            TestPages.randomRows(64, 5, Resolution.NORMAL, 4));
    int ok = 0;
    int rejected = 0;
    for (FaxCompression c : FaxCompression.values()) {
      byte[] good = FaxTiffWriter.write(small, c);
      for (int i = 0; i < 700; i++) {
        byte[] bad = good.clone();
        int flips = 1 + r.nextInt(8);
        for (int f = 0; f < flips; f++) {
          int at = r.nextInt(i % 3 == 0 ? Math.min(bad.length, 400) : bad.length);
          bad[at] = (byte) r.nextInt(256);
        }
        try {
          FaxTiffReader.read(bad);
          ok++;
        } catch (T4FormatException e) {
          assertThat(e.getMessage()).isNotBlank();
          rejected++;
        }
      }
    }
    assertThat(ok + rejected).isEqualTo(2100);
    assertThat(rejected).isPositive();
  }

  @Test
  void repairModeReplacesBadRowsInsteadOfFailing() throws Exception {
    BilevelPage page = TestPages.text(1728, 240, Resolution.FINE, 9);
    for (FaxCompression c : FaxCompression.values()) {
      byte[] tiff = FaxTiffWriter.write(List.of(page), c);
      ByteBuffer b = ByteBuffer.wrap(tiff).order(ByteOrder.LITTLE_ENDIAN);
      int strip = b.getInt(entry(tiff, 273) + 8);
      int count = b.getInt(entry(tiff, 279) + 8);
      int at = strip + count / 2;
      for (int i = 0; i < 6; i++) {
        tiff[at + i] = (byte) 0xFF;
      }
      assertThatThrownBy(() -> FaxTiffReader.read(tiff)).isInstanceOf(T4FormatException.class);
      BilevelPage got = FaxTiffReader.read(tiff, true).get(0);
      assertThat(got.width()).isEqualTo(page.width());
      assertThat(got.height()).isEqualTo(page.height());
      int firstBad = Tools.firstDifferentRow(got, page);
      assertThat(firstBad).as("%s: rows before the damage are intact", c).isGreaterThan(30);
      if (c != FaxCompression.MMR) {
        // G3 resynchronises at the next EOLs: the last rows are the original rows again.
        byte[] want = new byte[page.stride()];
        byte[] have = new byte[page.stride()];
        for (int y = page.height() - 30; y < page.height(); y++) {
          page.rowInto(y, want, 0);
          got.rowInto(y, have, 0);
          assertThat(have).as("%s row %d after the damage", c, y).isEqualTo(want);
        }
      }
    }
  }
}
