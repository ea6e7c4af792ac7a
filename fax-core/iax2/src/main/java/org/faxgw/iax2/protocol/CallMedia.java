package org.faxgw.iax2.protocol;

import java.util.Arrays;
import org.faxgw.iax2.CallAudio;
import org.faxgw.iax2.FrameType;
import org.faxgw.iax2.Iax2FrameDecoder;
import org.faxgw.iax2.Iax2FrameEncoder;
import org.faxgw.iax2.MediaFormat;
import org.faxgw.iax2.media.PlayoutBuffer;
import org.faxgw.iax2.media.PlayoutConfig;
import org.faxgw.iax2.media.VoiceCodec;
import org.faxgw.iax2.media.VoiceTimestamps;

/**
 * The media of one call: 20 ms voice frames out with timestamps from the sample count (a full VOICE
 * frame first, on a format change and whenever the upper 16 timestamp bits change, mini frames
 * otherwise; RFC 5456 8.1.2), and voice in through the playout buffer. Confined to the protocol's
 * thread.
 *
 * <p>Like the modems, it allocates nothing per 20 ms frame on the steady path (mini frames in and
 * out): a received payload is copied into a {@link Voice} of the call's own pool, which goes back
 * to the pool once played (or dropped by the buffer), and our frame is encoded into one datagram
 * buffer lent to the transport ({@link ProtocolOutput#sendBorrowed}). Only the full VOICE frames
 * (the first, and one every 65.536 s) allocate.
 */
final class CallMedia {
  /** Below this peak a frame counts as silence where the playout buffer may re-centre. */
  static final int SILENCE_PEAK = 256;

  /** Payload octets kept of a received frame: 20 ms of the widest format (16-bit linear). */
  static final int MAX_PAYLOAD = CallAudio.BLOCK * 2;

  /**
   * A received voice payload and its format: one of the call's reusable frames. Of a payload longer
   * than 20 ms only the first 20 ms are kept (only they are played).
   */
  static final class Voice {
    MediaFormat format;
    final byte[] payload = new byte[MAX_PAYLOAD];
    int length;

    boolean silent() {
      return VoiceCodec.isSilent(format, payload, length, SILENCE_PEAK);
    }
  }

  private final IaxCall call;
  private final PlayoutBuffer<Voice> playout;
  private final Voice[] free;
  private int freeCount;
  private Voice playing; // the frame played last tick: the buffer may still look at it
  private long poolMisses;
  private final short[] rx = new short[CallAudio.BLOCK];
  private final short[] tx = new short[CallAudio.BLOCK];
  private final byte[] txPayload = new byte[MAX_PAYLOAD];
  private final byte[] txDatagram = new byte[Iax2FrameDecoder.MINI_HEADER + MAX_PAYLOAD];

  private long framesSent;
  private long txBase = -1;
  private long lastTxTs = -1;
  private MediaFormat txFormat;

  MediaFormat rxFormat;
  private long rxReference = -1;
  long voiceWithoutFormat;

  CallMedia(IaxCall call, int delayMillis) {
    this.call = call;
    PlayoutConfig config = PlayoutConfig.clocked(delayMillis);
    this.playout = new PlayoutBuffer<>(config, Voice::silent, this::recycle);
    // what the buffer holds, the frame being offered, and the one played last tick
    this.free = new Voice[config.capacityFrames() + 2];
    for (int i = 0; i < free.length; i++) {
      free[i] = new Voice();
    }
    this.freeCount = free.length;
  }

  PlayoutBuffer.Stats playoutStats() {
    return playout.stats();
  }

  int playoutDepth() {
    return playout.depthFrames();
  }

  /** Frames that found the pool empty and were allocated (0 unless the accounting is wrong). */
  long poolMisses() {
    return poolMisses;
  }

  /** A full VOICE frame arrived (already sequenced and acknowledged). */
  void fullVoice(long ts, MediaFormat f, byte[] payload) {
    rxFormat = f;
    rxReference = Math.max(rxReference, ts);
    offer(ts, f, payload, 0, payload.length);
  }

  /** A mini frame arrived, its payload {@code buf[off..off+len)}: the timestamp is extended. */
  void miniVoice(int ts16, byte[] buf, int off, int len) {
    MediaFormat f = rxFormat != null ? rxFormat : call.format;
    if (f == null) {
      voiceWithoutFormat++;
      return;
    }
    long ts = VoiceTimestamps.extend(rxReference, ts16);
    rxReference = Math.max(rxReference, ts);
    offer(ts, f, buf, off, len);
  }

  private void offer(long ts, MediaFormat f, byte[] buf, int off, int len) {
    Voice v = freeCount > 0 ? free[--freeCount] : miss();
    v.format = f;
    v.length = Math.min(len, MAX_PAYLOAD);
    System.arraycopy(buf, off, v.payload, 0, v.length);
    if (playout.offer(ts, v) != PlayoutBuffer.Offer.ACCEPTED) {
      recycle(v);
    }
  }

  private Voice miss() {
    poolMisses++;
    return new Voice();
  }

  private void recycle(Voice v) {
    if (freeCount < free.length) {
      free[freeCount++] = v;
    }
  }

  /** One 20 ms media tick: the far end's audio to {@code audio}, then ours out. */
  void tick(CallAudio audio, long now) {
    PlayoutBuffer.Kind kind = playout.advance();
    // the frame played last tick is no longer looked at (re-centring reads only the latest)
    if (playing != null) {
      recycle(playing);
      playing = null;
    }
    switch (kind) {
      case PLAYED -> {
        Voice v = playout.frame();
        VoiceCodec.decode(v.format, v.payload, 0, v.length, rx, 0, rx.length);
        playing = v;
        audio.played(rx, 0, rx.length);
      }
      case GAP -> audio.lost(CallAudio.BLOCK);
      case IDLE, INSERTED -> {
        Arrays.fill(rx, (short) 0);
        audio.played(rx, 0, rx.length);
      }
    }
    Arrays.fill(tx, (short) 0);
    audio.next(tx, 0, tx.length);
    send(tx, now);
  }

  /** Sends one 20 ms frame of our audio. */
  void send(short[] samples, long now) {
    MediaFormat f = call.format;
    if (txBase < 0) {
      long elapsed = Math.max(20, now - call.startMillis);
      txBase = (elapsed + 19) / 20 * 20;
    }
    long ts = (txBase + 20 * framesSent) & 0xFFFFFFFFL;
    int n = VoiceCodec.octets(f, CallAudio.BLOCK);
    if (f != txFormat || lastTxTs < 0 || (ts >>> 16) != (lastTxTs >>> 16)) {
      VoiceCodec.encode(f, samples, 0, CallAudio.BLOCK, txPayload, 0);
      byte[] p = Arrays.copyOf(txPayload, n);
      call.sendReliableAt(FrameType.VOICE.code(), f.bit(), p, ts, now);
      txFormat = f;
    } else {
      Iax2FrameEncoder.miniHeader(call.localCall(), (int) ts, txDatagram);
      VoiceCodec.encode(f, samples, 0, CallAudio.BLOCK, txDatagram, Iax2FrameDecoder.MINI_HEADER);
      call.protocol.sendBorrowed(call.remote, txDatagram, Iax2FrameDecoder.MINI_HEADER + n);
    }
    lastTxTs = ts;
    framesSent++;
  }
}
