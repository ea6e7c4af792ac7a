package org.faxgw.modem;

import java.util.Arrays;

/**
 * HDLC framing for reception (ISO 3309 / T.30 5.3): a {@link BitSink} that finds flags, removes the
 * inserted zeros, checks the FCS and reports frames, the start of framing and aborts to an {@link
 * HdlcListener}.
 *
 * <p>Like the T.30 preamble rule (5.3.1), frames are only reported once framing is established by
 * {@code framingOkFlags} consecutive flags; a frame with a good FCS also establishes it for the
 * frames that follow. Frames shorter than four octets including FCS are ignored as noise (ISO 3309:
 * a frame is at least 32 bits between flags). Belongs to one thread; allocates only the array of a
 * reported frame.
 */
public final class HdlcDecoder implements BitSink {
  /** spandsp's fax front end (fax_modems.c) asks for 5 flags before "framing OK". */
  public static final int DEFAULT_FRAMING_OK_FLAGS = 5;

  /** Longest frame kept, without FCS: an ECM frame is A, C, FCF, frame number + 256 octets. */
  public static final int DEFAULT_MAX_FRAME_LENGTH = 512;

  private static final int MIN_FRAME_BITS = 32; // ISO 3309 4.x: at least 32 bits between flags

  private final HdlcListener listener;
  private final int framingOkFlags;
  private final byte[] buffer;

  private int ones; // consecutive ones in the raw bit stream
  private int octet; // destuffed bits, newest in bit 7
  private int bitCount; // destuffed bits since the last flag
  private boolean hunting = true; // no flag seen since start/abort
  private int flagsInRow;
  private boolean framingOk;

  private long goodFrames;
  private long badFrames;
  private long aborts;

  public HdlcDecoder(HdlcListener listener) {
    this(listener, DEFAULT_FRAMING_OK_FLAGS, DEFAULT_MAX_FRAME_LENGTH);
  }

  /**
   * @param framingOkFlags consecutive flags that establish framing (≥ 1)
   * @param maxFrameLength longest frame reported, without FCS; longer ones are reported bad
   */
  public HdlcDecoder(HdlcListener listener, int framingOkFlags, int maxFrameLength) {
    if (framingOkFlags < 1 || maxFrameLength < 2) {
      throw new IllegalArgumentException("bad HDLC decoder limits");
    }
    this.listener = listener;
    this.framingOkFlags = framingOkFlags;
    this.buffer = new byte[maxFrameLength + 2];
  }

  /** Forgets any partial frame and the framing state (e.g. after carrier loss). */
  public void reset() {
    ones = 0;
    octet = 0;
    bitCount = 0;
    hunting = true;
    flagsInRow = 0;
    framingOk = false;
  }

  /** True while framing is established. */
  public boolean isFramingOk() {
    return framingOk;
  }

  public long goodFrames() {
    return goodFrames;
  }

  public long badFrames() {
    return badFrames;
  }

  public long aborts() {
    return aborts;
  }

  @Override
  public void putBit(int bit) {
    if (bit != 0) {
      ones++;
      if (ones == 7) {
        abort();
        return;
      }
      if (ones > 7) {
        return;
      }
      pushDataBit(1);
      return;
    }
    if (ones == 5) {
      ones = 0; // ISO 3309: the zero inserted after five ones
      return;
    }
    if (ones == 6) {
      ones = 0;
      flag();
      return;
    }
    if (ones >= 7) {
      // end of an abort / idle run; wait for a flag
      ones = 0;
      return;
    }
    ones = 0;
    pushDataBit(0);
  }

  private void pushDataBit(int bit) {
    if (hunting) {
      return;
    }
    octet = (octet >>> 1) | (bit << 7);
    bitCount++;
    if ((bitCount & 7) == 0) {
      int index = (bitCount >>> 3) - 1;
      if (index < buffer.length) {
        buffer[index] = (byte) octet;
      }
    }
  }

  private void abort() {
    // bits since the last flag beyond the six ones just received were frame data
    if (!hunting && framingOk && bitCount - 6 > 0) {
      aborts++;
      listener.onAbort();
    }
    hunting = true;
    flagsInRow = 0;
    framingOk = false;
    bitCount = 0;
  }

  private void flag() {
    // the flag's own first zero and six ones were pushed as data; they are not frame bits
    int dataBits = bitCount - 7;
    bitCount = 0;
    if (hunting) {
      hunting = false;
      flagsInRow = 1;
      return;
    }
    if (dataBits <= 0) {
      flagsInRow++;
      if (!framingOk && flagsInRow >= framingOkFlags) {
        framingOk = true;
        listener.onFramingOk();
      }
      return;
    }
    flagsInRow = 1;
    if (dataBits < MIN_FRAME_BITS) {
      return; // too short to be a frame: noise between flags
    }
    int octets = dataBits >>> 3;
    boolean aligned = (dataBits & 7) == 0;
    boolean overflow = octets > buffer.length;
    int kept = Math.min(octets, buffer.length);
    boolean fcsOk = aligned && !overflow && HdlcFcs.check(buffer, 0, kept);
    if (fcsOk) {
      if (!framingOk) {
        framingOk = true;
        listener.onFramingOk();
      }
      goodFrames++;
      listener.onFrame(Arrays.copyOf(buffer, kept - 2), true);
    } else if (framingOk) {
      badFrames++;
      listener.onFrame(Arrays.copyOf(buffer, Math.max(0, kept - 2)), false);
    }
  }
}
