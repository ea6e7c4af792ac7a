package org.faxgw.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.FaxCompression;
import org.faxgw.t4.FaxTiffWriter;
import org.faxgw.t4.Resolution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thumbnails are made once per TIFF and width: the first request writes every page's PNG (so a page
 * view that asks for 50 pages decodes the TIFF once) and later requests read those files; a page
 * past the last is 404.
 */
class PageThumbnailsTest {
  @TempDir Path dir;

  @Test
  void theFirstRequestMakesEveryPagesThumbnailAndPagesDiffer() throws Exception {
    List<BilevelPage> pages = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      byte[] bits = new byte[BilevelPage.stride(1728) * 400];
      // page i: its top i*100 rows black, so the three thumbnails differ
      java.util.Arrays.fill(bits, 0, BilevelPage.stride(1728) * i * 100, (byte) 0xFF);
      pages.add(new BilevelPage(1728, 400, Resolution.FINE, bits));
    }
    Path tiff = dir.resolve("job.tif");
    Files.write(tiff, FaxTiffWriter.write(pages, FaxCompression.MMR));
    PageThumbnails thumbs = new PageThumbnails(dir.resolve("cache"));

    byte[] second = thumbs.page("job-1", tiff, 2, "120");

    try (Stream<Path> s = Files.list(dir.resolve("cache/job-1"))) {
      assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png")).sorted())
          .as("one request wrote every page's thumbnail at that width")
          .hasSize(3)
          .allMatch(n -> n.matches("[123]-120-\\d+\\.png"));
    }
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(second));
    assertThat(img.getWidth()).isEqualTo(120);
    // page 2: the top half black, the bottom half white
    assertThat(img.getRaster().getSample(60, 2, 0)).isLessThan(20);
    assertThat(img.getRaster().getSample(60, img.getHeight() - 2, 0)).isGreaterThan(235);
    assertThat(thumbs.page("job-1", tiff, 1, "120")).isNotEqualTo(second);
    assertThat(thumbs.page("job-1", tiff, 3, "120")).isNotEqualTo(second);
    assertThatThrownBy(() -> thumbs.page("job-1", tiff, 4, "120"))
        .isInstanceOf(ApiErrors.ApiException.class)
        .satisfies(e -> assertThat(((ApiErrors.ApiException) e).status).isEqualTo(404));
  }
}
