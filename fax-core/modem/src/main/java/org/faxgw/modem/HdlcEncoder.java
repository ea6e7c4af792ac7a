package org.faxgw.modem;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * HDLC framing for transmission (ISO 3309 / T.30 5.3): a {@link BitSource} that sends a preamble of
 * flags, then each queued frame with its FCS, zero-bit insertion and one or more flags between
 * frames; while nothing is queued it sends flags; after {@link #finish()} and the last frame it
 * sends the trailing flags and ends.
 *
 * <p>Octets are sent least significant bit first (T.30 5.3.6), the FCS low octet first ({@link
 * HdlcFcs}). Frames are queued as the octets from the address field up to the end of the
 * information field; the encoder appends the FCS. Belongs to one thread. Queuing a frame copies it;
 * {@link #getBit()} allocates nothing.
 */
public final class HdlcEncoder implements BitSource {
  /** ISO 3309: the flag sequence 01111110. */
  public static final int FLAG = 0x7E;

  /**
   * T.30 5.3.1: the V.21 preamble is 1 s ± 15 % of flags; at 300 bit/s that is 37.5 octets, so 38.
   */
  public static final int V21_PREAMBLE_FLAGS = 38;

  private static final int ABORT_OCTET = 0xFF; // 8 ones: ISO 3309 abort is >= 7 contiguous ones

  private record Item(byte[] octets, boolean abortAfter) {}

  private final ArrayDeque<Item> queue = new ArrayDeque<>();
  private final int interFrameFlags;
  private final int trailingFlags;

  private int preambleLeft;
  private int pendingFlags;
  private int trailingLeft;
  private boolean finishRequested;
  private boolean trailingStarted;
  private boolean ended;

  private Item current;
  private int index;
  private int shift; // octet being sent, LSB next
  private int bitsLeft;
  private boolean stuffing;
  private int ones;
  private long framesSent;

  /**
   * A V.21-style encoder: {@code preambleFlags} flags first, one flag between frames, two after.
   */
  public HdlcEncoder(int preambleFlags) {
    this(preambleFlags, 1, 2);
  }

  /**
   * @param preambleFlags flags before the first frame
   * @param interFrameFlags flags between two frames (at least 1: a shared flag)
   * @param trailingFlags extra flags after the closing flag of the last frame, once finished
   */
  public HdlcEncoder(int preambleFlags, int interFrameFlags, int trailingFlags) {
    if (preambleFlags < 0 || interFrameFlags < 1 || trailingFlags < 0) {
      throw new IllegalArgumentException("flag counts out of range");
    }
    this.preambleLeft = preambleFlags;
    this.interFrameFlags = interFrameFlags;
    this.trailingFlags = trailingFlags;
  }

  /** Queues a frame (address … information, without FCS). */
  public void sendFrame(byte[] frame) {
    sendFrame(frame, 0, frame.length, false);
  }

  /**
   * Queues a frame.
   *
   * @param corruptFcs send the FCS inverted, so that the receiver must report a bad frame (tests)
   */
  public void sendFrame(byte[] frame, int off, int len, boolean corruptFcs) {
    checkOpen();
    byte[] octets = Arrays.copyOfRange(frame, off, off + len + 2);
    int fcs = HdlcFcs.fcs(frame, off, len);
    if (corruptFcs) {
      fcs ^= 0xFFFF;
    }
    octets[len] = (byte) fcs;
    octets[len + 1] = (byte) (fcs >>> 8);
    queue.add(new Item(octets, false));
  }

  /**
   * Queues the first {@code octets} octets of a frame followed by an abort (ISO 3309: at least
   * seven contiguous ones), then flags again.
   */
  public void sendAbortedFrame(byte[] frame, int octets) {
    checkOpen();
    queue.add(new Item(Arrays.copyOf(frame, octets), true));
  }

  /** No more frames: after the queued ones and the trailing flags, {@link #getBit()} ends. */
  public void finish() {
    finishRequested = true;
  }

  /** True once {@link #getBit()} has returned {@link BitSource#END}. */
  public boolean isEnded() {
    return ended;
  }

  /** True when no frame is queued or being sent. */
  public boolean isIdle() {
    return current == null && queue.isEmpty();
  }

  /** Frames completely sent so far (closing flag started). */
  public long framesSent() {
    return framesSent;
  }

  private void checkOpen() {
    if (finishRequested) {
      throw new IllegalStateException("finish() was called");
    }
  }

  @Override
  public int getBit() {
    if (bitsLeft == 0) {
      if (!loadOctet()) {
        ended = true;
        return END;
      }
    }
    if (stuffing && ones == 5) {
      ones = 0;
      return 0; // ISO 3309: a 0 inserted after five contiguous 1s inside the frame
    }
    int bit = shift & 1;
    shift >>>= 1;
    bitsLeft--;
    if (stuffing) {
      ones = bit == 1 ? ones + 1 : 0;
    }
    return bit;
  }

  private boolean loadOctet() {
    if (preambleLeft > 0) {
      preambleLeft--;
      return loadFlag();
    }
    if (current != null) {
      if (index < current.octets.length) {
        loadData(current.octets[index++] & 0xFF);
        return true;
      }
      if (current.abortAfter) {
        current = null;
        shift = ABORT_OCTET;
        bitsLeft = 8;
        stuffing = false;
        pendingFlags = interFrameFlags;
        return true;
      }
      current = null;
      framesSent++;
      pendingFlags = interFrameFlags;
    }
    // a field that ended with five ones still owes its inserted zero before the flag: send it as a
    // one-bit "octet"
    if (stuffing && ones == 5) {
      stuffing = false;
      ones = 0;
      shift = 0;
      bitsLeft = 1;
      return true;
    }
    if (pendingFlags > 0) {
      pendingFlags--;
      return loadFlag();
    }
    Item next = queue.poll();
    if (next != null) {
      current = next;
      index = 0;
      if (current.octets.length > 0) {
        loadData(current.octets[index++] & 0xFF);
        return true;
      }
      return loadOctet();
    }
    if (finishRequested) {
      if (trailingLeft == 0 && !trailingStarted) {
        trailingStarted = true;
        trailingLeft = trailingFlags;
      }
      if (trailingLeft > 0) {
        trailingLeft--;
        return loadFlag();
      }
      return false;
    }
    return loadFlag(); // idle: keep the line flagged
  }

  private boolean loadFlag() {
    shift = FLAG;
    bitsLeft = 8;
    stuffing = false;
    ones = 0;
    return true;
  }

  private void loadData(int octet) {
    shift = octet;
    bitsLeft = 8;
    stuffing = true;
  }
}
