package org.faxgw.iax2.protocol;

import org.faxgw.iax2.CallAudio;
import org.faxgw.iax2.FrameType;
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
 * thread; no allocation per frame except the datagram and the playout slot.
 */
final class CallMedia {
  /** Below this peak a frame counts as silence where the playout buffer may re-centre. */
  static final int SILENCE_PEAK = 256;

  /** A received voice payload and its format. */
  record Voice(MediaFormat format, byte[] payload) {}

  private final IaxCall call;
  private final PlayoutBuffer<Voice> playout;
  private final short[] rx = new short[CallAudio.BLOCK];
  private final short[] tx = new short[CallAudio.BLOCK];
  private final byte[] txPayload = new byte[2 * CallAudio.BLOCK];

  private long framesSent;
  private long txBase = -1;
  private long lastTxTs = -1;
  private MediaFormat txFormat;

  MediaFormat rxFormat;
  private long rxReference = -1;
  long voiceWithoutFormat;

  CallMedia(IaxCall call, int delayMillis) {
    this.call = call;
    this.playout =
        new PlayoutBuffer<>(
            PlayoutConfig.clocked(delayMillis),
            v -> VoiceCodec.isSilent(v.format(), v.payload(), SILENCE_PEAK));
  }

  PlayoutBuffer.Stats playoutStats() {
    return playout.stats();
  }

  int playoutDepth() {
    return playout.depthFrames();
  }

  /** A full VOICE frame arrived (already sequenced and acknowledged). */
  void fullVoice(long ts, MediaFormat f, byte[] payload) {
    rxFormat = f;
    rxReference = Math.max(rxReference, ts);
    playout.offer(ts, new Voice(f, payload));
  }

  /** A mini frame arrived: its timestamp is extended from the newest full one. */
  void miniVoice(int ts16, byte[] payload) {
    MediaFormat f = rxFormat != null ? rxFormat : call.format;
    if (f == null) {
      voiceWithoutFormat++;
      return;
    }
    long ts = VoiceTimestamps.extend(rxReference, ts16);
    rxReference = Math.max(rxReference, ts);
    playout.offer(ts, new Voice(f, payload));
  }

  /** One 20 ms media tick: the far end's audio to {@code audio}, then ours out. */
  void tick(CallAudio audio, long now) {
    PlayoutBuffer.Slot<Voice> s = playout.poll();
    switch (s.kind()) {
      case PLAYED -> {
        VoiceCodec.decode(
            s.frame().format(),
            s.frame().payload(),
            0,
            s.frame().payload().length,
            rx,
            0,
            rx.length);
        audio.played(rx, 0, rx.length);
      }
      case GAP -> audio.lost(CallAudio.BLOCK);
      case IDLE, INSERTED -> {
        java.util.Arrays.fill(rx, (short) 0);
        audio.played(rx, 0, rx.length);
      }
    }
    java.util.Arrays.fill(tx, (short) 0);
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
    VoiceCodec.encode(f, samples, 0, CallAudio.BLOCK, txPayload, 0);
    if (f != txFormat || lastTxTs < 0 || (ts >>> 16) != (lastTxTs >>> 16)) {
      byte[] p = java.util.Arrays.copyOf(txPayload, n);
      call.sendReliableAt(FrameType.VOICE.code(), f.bit(), p, ts, now);
      txFormat = f;
    } else {
      call.protocol.send(
          call.remote, Iax2FrameEncoder.mini(call.localCall(), (int) ts, txPayload, 0, n));
    }
    lastTxTs = ts;
    framesSent++;
  }
}
