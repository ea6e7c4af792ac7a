package org.faxgw.gateway.line;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.faxgw.t30.FaxEvent;
import org.faxgw.t30.FaxTerminal;
import org.faxgw.t30.FaxTerminalConfig;
import org.faxgw.t30.FaxTerminalFactory;
import org.faxgw.t30.FaxTerminalListener;
import org.faxgw.t30.SessionLogSink;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.Resolution;

/**
 * The far fax machine of several sending nodes: it records every page it confirmed (MCF), read from
 * the page image itself (each test page carries its job id and page number as a black bar, below
 * the tagline band), so that what it counts does not depend on the senders' own bookkeeping. Each
 * node gets its terminals from {@link #terminalsFor}: scripted {@link FakeTerminals} whose
 * confirmations pass through here first.
 */
final class FarEnd {
  private static final int WIDTH = 1728;
  private static final int HEIGHT = 400;
  private static final int FIRST_ROW = 150;
  private static final int ROWS_PER_PAGE = 4;
  private static final int FIRST_BYTE = 20;

  private final Map<Long, List<Integer>> confirmed = new HashMap<>();

  /**
   * The pages of job {@code jobId} (1 to 150), numbered 1 to {@code n} (at most 60) in the image.
   */
  static List<BilevelPage> pages(long jobId, int n) {
    if (jobId < 1 || jobId > 150 || n > 60) {
      throw new IllegalArgumentException("job " + jobId + ", " + n + " pages");
    }
    int stride = BilevelPage.stride(WIDTH);
    List<BilevelPage> out = new ArrayList<>();
    for (int p = 1; p <= n; p++) {
      byte[] bits = new byte[stride * HEIGHT];
      int row = FIRST_ROW + p * ROWS_PER_PAGE;
      for (int b = FIRST_BYTE; b < FIRST_BYTE + jobId; b++) {
        bits[row * stride + b] = (byte) 0xFF;
      }
      out.add(new BilevelPage(WIDTH, HEIGHT, Resolution.FINE, bits));
    }
    return out;
  }

  /** Reads back {job id, page number} from a page made by {@link #pages}. */
  static long[] identify(BilevelPage page) {
    int stride = page.stride();
    byte[] bits = page.rows();
    for (int row = FIRST_ROW; row < page.height(); row++) {
      if (bits[row * stride + FIRST_BYTE] == (byte) 0xFF) {
        int len = 0;
        while (FIRST_BYTE + len < stride && bits[row * stride + FIRST_BYTE + len] == (byte) 0xFF) {
          len++;
        }
        return new long[] {len, (row - FIRST_ROW) / ROWS_PER_PAGE};
      }
    }
    throw new IllegalStateException("not a page of FarEnd.pages");
  }

  /**
   * The page numbers of job {@code jobId} this far end confirmed, in the order it confirmed them.
   */
  synchronized List<Integer> confirmed(long jobId) {
    return List.copyOf(confirmed.getOrDefault(jobId, List.of()));
  }

  private synchronized void record(BilevelPage page) {
    long[] id = identify(page);
    confirmed.computeIfAbsent(id[0], k -> new ArrayList<>()).add((int) id[1]);
  }

  /** Terminals for one node: {@code scripts}', reporting every confirmed page here first. */
  FaxTerminalFactory terminalsFor(FakeTerminals scripts) {
    return new FaxTerminalFactory() {
      @Override
      public FaxTerminal sender(
          FaxTerminalConfig config,
          List<BilevelPage> pages,
          FaxTerminalListener listener,
          SessionLogSink log) {
        FaxTerminalListener counted =
            e -> {
              if (e instanceof FaxEvent.PageSent s) {
                record(pages.get(s.number() - 1)); // the far end has it: MCF sent
              }
              listener.onEvent(e);
            };
        return scripts.sender(config, pages, counted, log);
      }

      @Override
      public FaxTerminal receiver(
          FaxTerminalConfig config, FaxTerminalListener listener, SessionLogSink log) {
        return scripts.receiver(config, listener, log);
      }
    };
  }
}
