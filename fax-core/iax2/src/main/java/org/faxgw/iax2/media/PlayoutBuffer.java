package org.faxgw.iax2.media;

import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A fixed-delay playout buffer indexed by IAX2 timestamp. A modem tolerates no sample inserted or
 * removed, so the buffer cannot be elastic: the delay is static. Frames are offered as they arrive;
 * {@link #poll} gives one frame period each: the frame for that slot, or a gap (lost, late or not
 * yet sent) for which the modem runs {@code fillIn}. Reorders, drops late and duplicate frames, and
 * refuses frames beyond its capacity.
 *
 * <p>Far clock drift (a peer ±100 ppm off moves 120 ms in 20 minutes): in clocked mode the mean
 * depth is measured over a window; when it has moved a whole frame from where it settled, the
 * buffer drops one silent frame (too deep) or plays one inserted silent frame (too shallow), and
 * only where the audio is silent, so a modem signal never loses or gains a sample.
 *
 * <p>Timestamps are the extended 32-bit values ({@link VoiceTimestamps}). Not thread-safe: belongs
 * to the call's thread. {@link #advance} allocates nothing: the slot it played is read with {@link
 * #kind}, {@link #timestamp} and {@link #frame}, so a caller that reuses its frame objects (the
 * buffer hands back those it lets go of unplayed, see {@link #PlayoutBuffer(PlayoutConfig,
 * Predicate, Consumer)}) keeps the 20 ms path free of allocation. {@link #poll} is the same with
 * the slot as a record.
 *
 * @param <T> the frame (payload) type
 */
public final class PlayoutBuffer<T> {
  /** What {@link #offer} did with a frame. */
  public enum Offer {
    ACCEPTED,
    /** Its slot is already held, or was already played. */
    DUPLICATE,
    /** Its slot was played (as a gap) before it came. */
    LATE,
    /** Further ahead than the capacity. */
    TOO_EARLY
  }

  /** What one poll gives. */
  public enum Kind {
    /** Nothing yet: no frame has arrived or the start-up delay is running. */
    IDLE,
    /** A frame. */
    PLAYED,
    /** No frame for this slot. */
    GAP,
    /** A silent frame period added to re-centre the depth (the far clock is slow). */
    INSERTED
  }

  /**
   * One frame period of playout.
   *
   * @param timestamp the slot's timestamp (for IDLE, -1)
   * @param frame the frame for PLAYED, else {@code null}
   */
  public record Slot<T>(Kind kind, long timestamp, T frame) {}

  /** Consecutive too-early frames after which a clocked buffer restarts at the new timestamps. */
  static final int RESTART_AFTER_TOO_EARLY = 3;

  private final PlayoutConfig config;
  private final Predicate<T> silent;
  private final Consumer<T> discarded;
  private final int cap;
  private final Object[] frames;
  private final long[] held; // slot number held at each index, or -1
  private final long[] played; // slot number last played at each index, or -1

  private boolean started;
  private long origin;
  private long next; // slot number to play next
  private long newest;
  private int count;
  private int startupWait;
  private int tooEarlyRun;
  private T lastPlayed; // null after a gap; tested for silence only when re-centring is due

  // the slot the last advance() gave
  private Kind slotKind = Kind.IDLE;
  private long slotTimestamp = -1;
  private T slotFrame;

  private long windowSum;
  private int windowPolls;
  private double settledDepth = -1;
  private boolean correctionDue;

  private long playedFrames;
  private long gaps;
  private long late;
  private long duplicates;
  private long tooEarly;
  private long droppedForDrift;
  private long insertedForDrift;
  private long restarts;

  public PlayoutBuffer(PlayoutConfig config, Predicate<T> silent) {
    this(config, silent, f -> {});
  }

  /**
   * A buffer that hands the frames it drops unplayed (a silent frame dropped to re-centre, the
   * frames held at a restart) to {@code discarded}, so that the caller may reuse them. A frame an
   * {@link #offer} does not accept stays the caller's.
   */
  public PlayoutBuffer(PlayoutConfig config, Predicate<T> silent, Consumer<T> discarded) {
    this.config = config;
    this.silent = silent;
    this.discarded = discarded;
    this.cap = config.capacityFrames();
    this.frames = new Object[cap];
    this.held = new long[cap];
    this.played = new long[cap];
    java.util.Arrays.fill(held, -1);
    java.util.Arrays.fill(played, -1);
  }

  /** Offers a frame with this (extended) timestamp. */
  public Offer offer(long timestamp, T frame) {
    if (!started) {
      begin(timestamp);
    }
    long k = slotOf(timestamp);
    int i = index(k);
    if (k < next) {
      tooEarlyRun = 0;
      if (k >= next - cap && played[i] == k) {
        duplicates++;
        return Offer.DUPLICATE;
      }
      late++;
      return Offer.LATE;
    }
    if (k >= next + cap) {
      tooEarly++;
      if (config.clocked() && ++tooEarlyRun >= RESTART_AFTER_TOO_EARLY) {
        restartAt(timestamp);
        return offer(timestamp, frame);
      }
      return Offer.TOO_EARLY;
    }
    tooEarlyRun = 0;
    if (held[i] == k) {
      duplicates++;
      return Offer.DUPLICATE;
    }
    held[i] = k;
    frames[i] = frame;
    count++;
    newest = Math.max(newest, k);
    return Offer.ACCEPTED;
  }

  /** One frame period of playout, as a record. */
  public Slot<T> poll() {
    Kind k = advance();
    return new Slot<>(k, slotTimestamp, slotFrame);
  }

  /**
   * One frame period of playout, without allocating: returns its kind; {@link #timestamp} and
   * {@link #frame} tell the rest until the next call.
   */
  public Kind advance() {
    if (!started || startupWait > 0) {
      if (started) {
        startupWait--;
      }
      return slot(Kind.IDLE, -1, null);
    }
    if (config.clocked() && recentre()) {
      return slotKind;
    }
    return playNext();
  }

  /** The kind of the slot the last {@link #advance} gave. */
  public Kind kind() {
    return slotKind;
  }

  /** The timestamp of the slot the last {@link #advance} gave (-1 for IDLE). */
  public long timestamp() {
    return slotTimestamp;
  }

  /** The frame the last {@link #advance} played, else null. */
  public T frame() {
    return slotFrame;
  }

  private Kind slot(Kind kind, long timestamp, T frame) {
    slotKind = kind;
    slotTimestamp = timestamp;
    slotFrame = frame;
    return kind;
  }

  private Kind playNext() {
    long k = next++;
    int i = index(k);
    long ts = origin + k * config.frameMillis();
    if (held[i] == k) {
      @SuppressWarnings("unchecked")
      T f = (T) frames[i];
      frames[i] = null;
      held[i] = -1;
      played[i] = k;
      count--;
      playedFrames++;
      lastPlayed = f;
      return slot(Kind.PLAYED, ts, f);
    }
    gaps++;
    lastPlayed = null;
    return slot(Kind.GAP, ts, null);
  }

  /**
   * Measures the mean depth over a window; when it has drifted a whole frame from where it settled,
   * drops or inserts one silent frame as soon as the audio at the playout point is silent (the
   * window keeps growing until then), and starts a fresh window after each correction. Returns true
   * when it has filled the slot.
   */
  private boolean recentre() {
    windowSum += depthFrames();
    windowPolls++;
    if (!correctionDue && windowPolls < config.recentreWindowFrames()) {
      return false;
    }
    double mean = (double) windowSum / windowPolls;
    if (settledDepth < 0) {
      settledDepth = mean;
      freshWindow();
      return false;
    }
    boolean deep = mean >= settledDepth + 1;
    boolean shallow = mean <= settledDepth - 1;
    if (!deep && !shallow) {
      freshWindow();
      return false;
    }
    int i = index(next);
    boolean nextHeld = held[i] == next;
    @SuppressWarnings("unchecked")
    T nextFrame = nextHeld ? (T) frames[i] : null;
    if (deep && nextHeld && silent.test(nextFrame)) {
      // Too deep (the far clock is fast): skip one silent frame, play the one after it.
      frames[i] = null;
      held[i] = -1;
      played[i] = next;
      next++;
      count--;
      droppedForDrift++;
      freshWindow();
      discarded.accept(nextFrame);
      playNext();
      return true;
    }
    if (shallow
        && lastPlayed != null
        && silent.test(lastPlayed)
        && (!nextHeld || silent.test(nextFrame))) {
      // Too shallow (the far clock is slow): one more frame period of silence.
      insertedForDrift++;
      freshWindow();
      slot(Kind.INSERTED, origin + next * config.frameMillis(), null);
      return true;
    }
    correctionDue = true; // not silent here: look again at the next poll
    return false;
  }

  private void freshWindow() {
    windowSum = 0;
    windowPolls = 0;
    correctionDue = false;
  }

  /** Forgets everything held and starts again with a frame at {@code timestamp}. */
  public void restartAt(long timestamp) {
    for (int i = 0; i < cap; i++) {
      if (held[i] >= 0) {
        @SuppressWarnings("unchecked")
        T f = (T) frames[i];
        discarded.accept(f);
      }
    }
    java.util.Arrays.fill(frames, null);
    java.util.Arrays.fill(held, -1);
    java.util.Arrays.fill(played, -1);
    count = 0;
    restarts++;
    begin(timestamp);
  }

  private void begin(long timestamp) {
    started = true;
    origin = timestamp;
    next = 0;
    newest = 0;
    tooEarlyRun = 0;
    startupWait = config.clocked() ? config.delayFrames() : 0;
    lastPlayed = null; // what played before the restart says nothing about the new stream
    freshWindow();
    settledDepth = -1;
  }

  private long slotOf(long timestamp) {
    int fm = config.frameMillis();
    return Math.floorDiv(timestamp - origin + fm / 2, fm);
  }

  private int index(long slot) {
    return (int) Math.floorMod(slot, (long) cap);
  }

  /** Slots from the next to play up to the newest frame held (0 when none is held). */
  public int depthFrames() {
    return count == 0 ? 0 : (int) (newest - next + 1);
  }

  /** Frames held. */
  public int size() {
    return count;
  }

  public boolean isEmpty() {
    return count == 0;
  }

  public PlayoutConfig config() {
    return config;
  }

  /** Counters since creation. */
  public Stats stats() {
    return new Stats(
        playedFrames,
        gaps,
        late,
        duplicates,
        tooEarly,
        droppedForDrift,
        insertedForDrift,
        restarts);
  }

  /**
   * Counters of a playout buffer.
   *
   * @param played frames played
   * @param gaps slots played as gaps
   * @param late frames dropped because their slot had passed
   * @param duplicates frames dropped because their slot was held or played
   * @param tooEarly frames refused beyond the capacity
   * @param droppedForDrift silent frames dropped to re-centre
   * @param insertedForDrift silent frame periods inserted to re-centre
   * @param restarts restarts after a jump of the far timestamps
   */
  public record Stats(
      long played,
      long gaps,
      long late,
      long duplicates,
      long tooEarly,
      long droppedForDrift,
      long insertedForDrift,
      long restarts) {}
}
