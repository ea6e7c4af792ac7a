package org.faxgw.render.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import org.faxgw.render.PageSize;
import org.faxgw.render.RenderException;
import org.faxgw.render.RenderOptions;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.Resolution;
import org.junit.jupiter.api.Test;

/** The worker protocol's frames, written and read back, also when the stream arrives in dribs. */
class WorkerFramesTest {
  /** Hands out at most 3 bytes per read, like a pipe under load. */
  private static DataInputStream dribbling(byte[] b) {
    InputStream in =
        new ByteArrayInputStream(b) {
          @Override
          public synchronized int read(byte[] buf, int off, int len) {
            return super.read(buf, off, Math.min(len, 3));
          }
        };
    return new DataInputStream(in);
  }

  @Test
  void aRequestRoundTrips() throws IOException {
    RenderOptions o =
        new RenderOptions(Resolution.NORMAL, PageSize.LETTER, Duration.ofMillis(2500), 7, 1234L);
    byte[] doc = {1, 2, 3, 4, 5};
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    WorkerFrames.write(
        new DataOutputStream(buf),
        WorkerFrames.RENDER,
        WorkerFrames.request(WorkerFrames.KIND_DOCUMENT, "application/pdf", o, doc));
    WorkerFrames.Frame f = WorkerFrames.read(dribbling(buf.toByteArray()));
    assertThat(f.type()).isEqualTo(WorkerFrames.RENDER);
    WorkerFrames.Request r = WorkerFrames.request(f);
    assertThat(r.kind()).isEqualTo("document");
    assertThat(r.contentType()).isEqualTo("application/pdf");
    assertThat(r.options()).isEqualTo(o);
    assertThat(r.document()).containsExactly(doc);
  }

  @Test
  void pagesAndFailuresRoundTripAndTheStreamEndsCleanly() throws IOException {
    byte[] bits = new byte[BilevelPage.stride(1728) * 3];
    bits[5] = (byte) 0x81;
    BilevelPage p = new BilevelPage(1728, 3, Resolution.FINE, bits);
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(buf);
    WorkerFrames.write(out, WorkerFrames.PAGE, WorkerFrames.page(4, p));
    WorkerFrames.write(
        out,
        WorkerFrames.FAILED,
        WorkerFrames.failed(
            new RenderException(RenderException.Reason.ENCRYPTED, "encrypted PDF: remove it")));
    DataInputStream in = dribbling(buf.toByteArray());
    WorkerFrames.NumberedPage np = WorkerFrames.page(WorkerFrames.read(in));
    assertThat(np.number()).isEqualTo(4);
    assertThat(np.page()).isEqualTo(p);
    RenderException e = WorkerFrames.failed(WorkerFrames.read(in));
    assertThat(e.reason()).isEqualTo(RenderException.Reason.ENCRYPTED);
    assertThat(e.getMessage()).isEqualTo("encrypted PDF: remove it");
    assertThat(WorkerFrames.read(in)).isNull();
  }

  @Test
  void aFrameLongerThanTheLimitOrCutShortIsAnError() {
    byte[] huge = {WorkerFrames.PAGE, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};
    assertThatThrownBy(() -> WorkerFrames.read(dribbling(huge))).isInstanceOf(IOException.class);
    byte[] cut = {WorkerFrames.DONE, 0, 0, 0, 4, 0, 0};
    assertThatThrownBy(() -> WorkerFrames.read(dribbling(cut))).isInstanceOf(IOException.class);
  }

  @Test
  void aPageWhoseSizeDisagreesWithItsRowsIsRefused() throws IOException {
    byte[] payload =
        WorkerFrames.payload(
            d -> {
              d.writeInt(1);
              d.writeInt(1728);
              d.writeInt(10);
              d.writeInt(204);
              d.writeInt(196);
              d.writeInt(5);
              d.write(new byte[5]);
            });
    assertThatThrownBy(() -> WorkerFrames.page(new WorkerFrames.Frame(WorkerFrames.PAGE, payload)))
        .isInstanceOf(IOException.class);
  }
}
