package org.faxgw.t30;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rebuilds ECM partial pages (blocks) and pages from FCD frames by frame number (T.4 Annex A, T.30
 * Annex A). Frames of a block may arrive in several bursts (the first, then the ones a PPR asked
 * again); a PPS closes a burst and says how many frames the block has. When every frame of the
 * block is present the block is complete; when the PPS's FCF2 is not NULL (MPS, EOM, EOP or a PRI-
 * variant) the page ends with that block.
 *
 * <p>Belongs to one thread. Memory is bounded: at most 256 frames of at most 256 octets per block
 * (T.30 A.1) and {@link #MAX_PAGE_OCTETS} per page.
 */
public final class EcmReassembler {
  /** T.30 A.1: a partial page holds at most 256 frames. */
  public static final int MAX_FRAMES = 256;

  /** T.4 A.3.6.1: an FCD frame carries 256 (or 64) octets of facsimile data. */
  public static final int MAX_FRAME_OCTETS = 256;

  /** Our limit on one page's coded data (ARCHITECTURE.md rule 7). */
  public static final int MAX_PAGE_OCTETS = 16 << 20;

  /** What a PPS did. */
  public record PpsResult(
      int page,
      int block,
      int frames,
      List<Integer> missing,
      boolean blockComplete,
      boolean pageComplete,
      String fcf2) {}

  /** A page whose blocks all arrived, or the remains of one when the call ended early. */
  public record Page(int number, byte[] data, int blocks, boolean complete, int missingFrames) {}

  private final byte[][] frames = new byte[MAX_FRAMES][];
  private final ByteArrayOutputStream pageData = new ByteArrayOutputStream();
  private final List<Page> pages = new ArrayList<>();
  private int blocksInPage;
  private int lastCompletedPage = -1;
  private int lastCompletedBlock = -1;
  private int framesInBurst;
  private int duplicateFrames;
  private int missingSoFar;

  /**
   * One FCD frame's payload: the octets after the frame number (T.4 A.3.6.1).
   *
   * @return false when the frame number or size is out of range (the frame is ignored)
   */
  public boolean fcd(int frameNumber, byte[] data) {
    if (frameNumber < 0 || frameNumber >= MAX_FRAMES || data.length > MAX_FRAME_OCTETS) {
      return false;
    }
    framesInBurst++;
    if (frames[frameNumber] != null) {
      duplicateFrames++;
    }
    frames[frameNumber] = data.clone();
    return true;
  }

  /** Accepts a whole FCD frame as received: FF 03 06 frame# data. */
  public boolean fcdFrame(T30Frame f) {
    byte[] o = f.octets();
    if (f.fcf() != Fcf.FCD || o.length < 4) {
      return false;
    }
    return fcd(o[3] & 0xFF, Arrays.copyOfRange(o, 4, o.length));
  }

  /** Frames received since the last PPS. */
  public int framesInBurst() {
    return framesInBurst;
  }

  /** Frames that arrived again although already held. */
  public int duplicateFrames() {
    return duplicateFrames;
  }

  /**
   * A PPS FIF (T.30 A.4.1): FCF2, page counter, block counter, frame count minus one.
   *
   * @param fif the octets after the PPS FCF; fewer than 4 makes an empty result
   */
  public PpsResult pps(byte[] fif) {
    framesInBurst = 0;
    if (fif.length < 4) {
      return new PpsResult(-1, -1, 0, List.of(), false, false, "short PPS");
    }
    int fcf2 = fif[0] & 0xFF;
    int page = fif[1] & 0xFF;
    int block = fif[2] & 0xFF;
    int count = (fif[3] & 0xFF) + 1;
    String fcf2Name = Fcf.fcf2Name(fcf2);
    boolean endOfPage = (fcf2 & 0xFE) != 0;
    if (page == lastCompletedPage && block == lastCompletedBlock) {
      // T.30 A.4: the block was taken already. A repeated PPS (our MCF was lost), or its frames
      // sent again (seen when analysing a sender whose PPR asked for them although its own audio
      // held every frame): nothing new. Page and block counters change with every block, so the
      // same pair twice in a row is always the same block.
      for (int i = 0; i < MAX_FRAMES; i++) {
        if (frames[i] != null) {
          duplicateFrames++;
          frames[i] = null;
        }
      }
      return new PpsResult(page, block, count, List.of(), true, false, fcf2Name);
    }
    List<Integer> missing = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (frames[i] == null) {
        missing.add(i);
      }
    }
    if (!missing.isEmpty()) {
      return new PpsResult(page, block, count, missing, false, false, fcf2Name);
    }
    for (int i = 0; i < count; i++) {
      if (pageData.size() + frames[i].length <= MAX_PAGE_OCTETS) {
        pageData.write(frames[i], 0, frames[i].length);
      }
      frames[i] = null;
    }
    Arrays.fill(frames, null);
    blocksInPage++;
    lastCompletedPage = page;
    lastCompletedBlock = block;
    if (endOfPage) {
      pages.add(new Page(page, pageData.toByteArray(), blocksInPage, true, 0));
      pageData.reset();
      blocksInPage = 0;
    }
    return new PpsResult(page, block, count, List.of(), true, endOfPage, fcf2Name);
  }

  /** EOR (T.30 A.4.3): the sender gives up on the missing frames of this block. */
  public PpsResult endOfRetransmission(byte[] ppsLikeFif) {
    if (ppsLikeFif.length < 4) {
      return new PpsResult(-1, -1, 0, List.of(), false, false, "short EOR");
    }
    int count = (ppsLikeFif[3] & 0xFF) + 1;
    int missing = 0;
    for (int i = 0; i < count; i++) {
      if (frames[i] == null) {
        frames[i] = new byte[0];
        missing++;
      }
    }
    missingSoFar += missing;
    return pps(ppsLikeFif);
  }

  /** Pages completed so far, in order. */
  public List<Page> pages() {
    return List.copyOf(pages);
  }

  /**
   * Ends the call: a page still being built (blocks taken but no end-of-page PPS, or frames held
   * without a PPS) becomes an incomplete page in {@link #pages()}.
   */
  public void finish() {
    int held = 0;
    int top = -1;
    for (int i = 0; i < MAX_FRAMES; i++) {
      if (frames[i] != null) {
        held++;
        top = i;
      }
    }
    if (pageData.size() == 0 && held == 0) {
      return;
    }
    int missing = 0;
    for (int i = 0; i <= top; i++) {
      if (frames[i] == null) {
        missing++;
      } else if (pageData.size() + frames[i].length <= MAX_PAGE_OCTETS) {
        pageData.write(frames[i], 0, frames[i].length);
      }
    }
    Arrays.fill(frames, null);
    pages.add(
        new Page(
            lastCompletedPage < 0 ? 0 : lastCompletedPage + 1,
            pageData.toByteArray(),
            blocksInPage + (held > 0 ? 1 : 0),
            false,
            missing + missingSoFar));
    pageData.reset();
    blocksInPage = 0;
  }
}
