package org.faxgw.render;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadProgressListener;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataFormatImpl;
import javax.imageio.stream.ImageInputStream;
import org.faxgw.t4.BilevelPage;
import org.w3c.dom.Node;

/**
 * TIFF (bilevel CCITT, grey, colour; every page of a multi-page file), PNG, JPEG, GIF (its first
 * frame) and BMP to fax pages, through ImageIO with the TwelveMonkeys plugins.
 *
 * <p><b>Size.</b> An image that states a resolution of at least {@value #MIN_PAPER_DPI} dpi (a
 * scan, a fax) is drawn at its true size, and scaled down to fit if it is larger than the page; an
 * image without a resolution, or with a screen one (72, 96 dpi, which says nothing about paper), is
 * scaled to fit the paper width ({@link PageSize#contentWidthPx}) and page height, keeping its
 * aspect. Either way it is centred across the 1728-pixel line and starts at the top of the page.
 *
 * <p><b>Pixels.</b> Bilevel images are scaled nearest-neighbour (a fax TIFF at fax resolution is
 * copied pixel for pixel; 204x98 to 204x196 doubles rows); grey and colour images are scaled with
 * bilinear interpolation onto 8-bit grey over white (transparency shows white), then {@link
 * Halftone} dithers the mid-tones.
 *
 * <p><b>Limits.</b> Width and height are read from the header and checked against {@link
 * RenderOptions#maxPixels()} before any pixel is decoded; large images are decoded subsampled to no
 * more than twice the needed size; the deadline aborts a decode in progress.
 */
final class ImageRenderer {
  /** Below this stated resolution an image is taken as a screen image and fitted to the page. */
  static final double MIN_PAPER_DPI = 100.0;

  private ImageRenderer() {}

  static List<BilevelPage> render(
      DocumentSource src,
      DocumentType type,
      RenderOptions o,
      Deadline deadline,
      FaxRenderer.ProgressListener progress)
      throws IOException, RenderException {
    try (InputStream raw = open(src);
        ImageInputStream iis = ImageIO.createImageInputStream(raw)) {
      Iterator<ImageReader> it = ImageIO.getImageReaders(iis);
      if (!it.hasNext()) {
        throw new RenderException(
            RenderException.Reason.UNSUPPORTED, "no decoder for this " + type + " image");
      }
      ImageReader reader = it.next();
      try {
        reader.setInput(iis, false, false);
        return renderAll(reader, type, o, deadline, progress);
      } catch (IIOException e) {
        throw new RenderException(
            RenderException.Reason.DAMAGED, "damaged " + type + " image: " + e.getMessage(), e);
      } finally {
        reader.dispose();
        GrayCanvas.release();
      }
    }
  }

  private static InputStream open(DocumentSource src) throws IOException {
    if (src instanceof DocumentSource.FileSource f) {
      return new java.io.BufferedInputStream(Files.newInputStream(f.path()), 1 << 16);
    }
    return src.open();
  }

  private static List<BilevelPage> renderAll(
      ImageReader reader,
      DocumentType type,
      RenderOptions o,
      Deadline deadline,
      FaxRenderer.ProgressListener progress)
      throws IOException, RenderException {
    int count = type == DocumentType.TIFF ? reader.getNumImages(true) : 1;
    if (count <= 0) {
      throw new RenderException(RenderException.Reason.DAMAGED, type + " file has no image");
    }
    if (count > o.maxPages()) {
      throw new RenderException(
          RenderException.Reason.TOO_LARGE,
          type + " has " + count + " pages; at most " + o.maxPages() + " are accepted");
    }
    reader.addIIOReadProgressListener(new AbortOnDeadline(deadline));
    List<BilevelPage> pages = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      deadline.check();
      int w = reader.getWidth(i);
      int h = reader.getHeight(i);
      if (w <= 0 || h <= 0) {
        throw new RenderException(RenderException.Reason.DAMAGED, type + " image has no pixels");
      }
      if ((long) w * h > o.maxPixels()) {
        throw new RenderException(
            RenderException.Reason.TOO_LARGE,
            type
                + " image of "
                + w
                + " x "
                + h
                + " pixels is larger than the limit of "
                + o.maxPixels()
                + " pixels");
      }
      double[] dpi = statedDpi(reader, i);
      Target t = target(w, h, dpi, o);
      ImageReadParam param = reader.getDefaultReadParam();
      int ssx = Math.max(1, (int) Math.floor(w / (2.0 * t.width())));
      int ssy = Math.max(1, (int) Math.floor(h / (2.0 * t.height())));
      if (ssx > 1 || ssy > 1) {
        param.setSourceSubsampling(ssx, ssy, 0, 0);
      }
      BufferedImage img = reader.read(i, param);
      deadline.check();
      boolean bilevel = img.getColorModel().getPixelSize() == 1;
      Object interp =
          bilevel
              ? RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR
              : RenderingHints.VALUE_INTERPOLATION_BILINEAR;
      GrayCanvas canvas = GrayCanvas.forThread(PageSize.FAX_WIDTH_PX, o.pageHeightPx());
      Graphics2D g = canvas.graphics(interp);
      try {
        int x = (PageSize.FAX_WIDTH_PX - t.width()) / 2;
        g.drawImage(img, x, 0, t.width(), t.height(), null);
      } finally {
        g.dispose();
      }
      pages.add(canvas.toPage(o.resolution()));
      progress.pageDone(i + 1, count);
    }
    return pages;
  }

  /** Size on the fax page, in fax pixels. */
  record Target(int width, int height) {}

  static Target target(int w, int h, double[] dpi, RenderOptions o) {
    int xdpi = o.resolution().xDpi();
    int ydpi = o.resolution().yDpi();
    int boxH = o.pageHeightPx();
    double tw;
    double th;
    if (dpi != null) {
      tw = w / dpi[0] * xdpi;
      th = h / dpi[1] * ydpi;
      if (tw > PageSize.FAX_WIDTH_PX + 0.5 || th > boxH + 0.5) {
        double f = Math.min(o.pageSize().contentWidthPx(o.resolution()) / tw, boxH / th);
        tw *= f;
        th *= f;
      }
    } else {
      // square pixels: fit the paper, in inches, then to fax pixels
      double boxWIn = (double) o.pageSize().contentWidthPx(o.resolution()) / xdpi;
      double boxHIn = (double) boxH / ydpi;
      double f = Math.min(boxWIn / w, boxHIn / h);
      tw = w * f * xdpi;
      th = h * f * ydpi;
    }
    return new Target(
        Math.max(1, Math.min(PageSize.FAX_WIDTH_PX, (int) Math.round(tw))),
        Math.max(1, Math.min(boxH, (int) Math.round(th))));
  }

  /** {x dpi, y dpi} from the standard metadata, or null when absent or a screen resolution. */
  static double[] statedDpi(ImageReader reader, int index) {
    try {
      IIOMetadata md = reader.getImageMetadata(index);
      if (md == null || !md.isStandardMetadataFormatSupported()) {
        return null;
      }
      Node root = md.getAsTree(IIOMetadataFormatImpl.standardMetadataFormatName);
      double hmm = pixelSize(root, "HorizontalPixelSize");
      double vmm = pixelSize(root, "VerticalPixelSize");
      if (hmm <= 0 || vmm <= 0) {
        return null;
      }
      double xdpi = 25.4 / hmm;
      double ydpi = 25.4 / vmm;
      if (xdpi < MIN_PAPER_DPI || ydpi < MIN_PAPER_DPI / 2 || xdpi > 10_000 || ydpi > 10_000) {
        return null;
      }
      return new double[] {xdpi, ydpi};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static double pixelSize(Node root, String name) {
    for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
      if ("Dimension".equals(n.getNodeName())) {
        for (Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
          if (name.equals(c.getNodeName()) && c.getAttributes() != null) {
            Node v = c.getAttributes().getNamedItem("value");
            if (v != null) {
              try {
                return Double.parseDouble(v.getNodeValue());
              } catch (NumberFormatException e) {
                return -1;
              }
            }
          }
        }
      }
    }
    return -1;
  }

  /** Aborts the read in progress once the deadline has passed. */
  private record AbortOnDeadline(Deadline deadline) implements IIOReadProgressListener {
    @Override
    public void imageProgress(ImageReader source, float percentageDone) {
      if (deadline.expired()) {
        source.abort();
      }
    }

    @Override
    public void sequenceStarted(ImageReader source, int minIndex) {}

    @Override
    public void sequenceComplete(ImageReader source) {}

    @Override
    public void imageStarted(ImageReader source, int imageIndex) {}

    @Override
    public void imageComplete(ImageReader source) {}

    @Override
    public void thumbnailStarted(ImageReader source, int imageIndex, int thumbnailIndex) {}

    @Override
    public void thumbnailProgress(ImageReader source, float percentageDone) {}

    @Override
    public void thumbnailComplete(ImageReader source) {}

    @Override
    public void readAborted(ImageReader source) {}
  }
}
