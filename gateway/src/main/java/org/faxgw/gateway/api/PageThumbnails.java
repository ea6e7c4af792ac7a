package org.faxgw.gateway.api;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.FaxTiffReader;
import org.faxgw.t4.T4FormatException;

/**
 * PNG thumbnails of fax pages (a job's rendered TIFF, a received fax's TIFF), made once and kept in
 * {@code <dataDir>/cache/thumbs/<key>/} (the first request for a width decodes the TIFF once and
 * writes every page's thumbnail): the file name carries the TIFF's modification time, so a
 * re-rendered TIFF gets new thumbnails. A thumbnail is gray, {@code w} pixels wide (120, 240
 * default, 480 or 864) with the page's aspect ratio corrected for its resolution (a normal-
 * resolution page is not squashed); each gray pixel is the share of white in its block.
 */
public final class PageThumbnails {
  static final Set<Integer> WIDTHS = Set.of(120, 240, 480, 864);
  private final Path cache;

  /** Thumbnail sets being made (key/width/mtime), so concurrent requests decode a TIFF once. */
  private final ConcurrentHashMap<String, Object> making = new ConcurrentHashMap<>();

  public PageThumbnails(Path cache) {
    this.cache = cache;
  }

  /** The PNG of page {@code n} (1-based) of {@code tiff}; 404 when there is no such page. */
  byte[] page(String key, Path tiff, int n, String width) throws IOException {
    int w = 240;
    if (width != null && !width.isEmpty()) {
      try {
        w = Integer.parseInt(width);
      } catch (NumberFormatException e) {
        w = -1;
      }
      if (!WIDTHS.contains(w)) {
        throw ApiErrors.badRequest("w must be one of " + WIDTHS);
      }
    }
    if (!Files.isRegularFile(tiff)) {
      throw ApiErrors.notFound("page " + n);
    }
    long mtime = Files.getLastModifiedTime(tiff).toMillis();
    Path dir = cache.resolve(key);
    Path file = thumbFile(dir, n, w, mtime);
    if (Files.isRegularFile(file)) {
      return Files.readAllBytes(file);
    }
    // A page view asks for every page at once: the first request decodes the TIFF once and writes
    // every page's thumbnail at this width; the others wait for it and read their file.
    String job = key + "/" + w + "/" + mtime;
    Object lock = making.computeIfAbsent(job, k -> new Object());
    synchronized (lock) {
      try {
        if (!Files.isRegularFile(file)) {
          makeAll(tiff, dir, w, mtime);
        }
      } finally {
        making.remove(job, lock);
      }
    }
    if (!Files.isRegularFile(file)) {
      throw ApiErrors.notFound("page " + n);
    }
    return Files.readAllBytes(file);
  }

  private static Path thumbFile(Path dir, int n, int w, long mtime) {
    return dir.resolve(n + "-" + w + "-" + mtime + ".png");
  }

  private static void makeAll(Path tiff, Path dir, int w, long mtime) throws IOException {
    List<BilevelPage> pages;
    try {
      pages = FaxTiffReader.read(Files.readAllBytes(tiff));
    } catch (T4FormatException e) {
      throw new ApiErrors.ApiException(500, "cannot read the fax pages: " + e.getMessage());
    }
    Files.createDirectories(dir);
    for (int i = 0; i < pages.size(); i++) {
      Path file = thumbFile(dir, i + 1, w, mtime);
      if (!Files.isRegularFile(file)) {
        writeAtomically(dir, file, png(pages.get(i), w));
      }
    }
  }

  private static void writeAtomically(Path dir, Path file, byte[] png) throws IOException {
    Path tmp = Files.createTempFile(dir, ".thumb-", ".tmp");
    try {
      Files.write(tmp, png);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Removes the thumbnails of one key (a job that was removed). */
  void forget(String key) {
    Path dir = cache.resolve(key);
    try (var s = Files.list(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Files.deleteIfExists(p);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // nothing cached, or already gone
    }
  }

  static byte[] png(BilevelPage p, int w) throws IOException {
    double aspect = p.resolution().xDpi() / (double) p.resolution().yDpi();
    int h = Math.max(1, (int) Math.round(p.height() * aspect * w / p.width()));
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    byte[] row = new byte[p.stride()];
    int[] black = new int[w];
    int[] count = new int[w];
    int ty = 0;
    for (int y = 0; y < p.height(); y++) {
      int target = (int) ((long) y * h / p.height());
      if (target != ty) {
        flush(img, ty, black, count);
        ty = target;
      }
      p.rowInto(y, row, 0);
      for (int x = 0; x < p.width(); x++) {
        int tx = (int) ((long) x * w / p.width());
        count[tx]++;
        if ((row[x >> 3] & (0x80 >> (x & 7))) != 0) {
          black[tx]++;
        }
      }
    }
    flush(img, ty, black, count);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  private static void flush(BufferedImage img, int y, int[] black, int[] count) {
    for (int x = 0; x < black.length; x++) {
      int gray = count[x] == 0 ? 255 : 255 - (int) (255L * black[x] / count[x]);
      img.getRaster().setSample(x, y, 0, gray);
      black[x] = 0;
      count[x] = 0;
    }
  }
}
