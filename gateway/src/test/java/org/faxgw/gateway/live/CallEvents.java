package org.faxgw.gateway.live;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.faxgw.iax2.CallListener;
import org.faxgw.iax2.HangupCause;
import org.faxgw.iax2.MediaFormat;

/** A {@link CallListener} that records what happened to one call, for live tests. */
public final class CallEvents implements CallListener {
  public final CountDownLatch ringing = new CountDownLatch(1);
  public final CountDownLatch answered = new CountDownLatch(1);
  public final CountDownLatch ended = new CountDownLatch(1);
  public final AtomicInteger endedCount = new AtomicInteger();
  public final AtomicLong lastRttMillis = new AtomicLong(-1);
  public volatile MediaFormat format;
  public volatile HangupCause cause;
  public volatile boolean byRemote;

  @Override
  public void ringing() {
    ringing.countDown();
  }

  @Override
  public void answered(MediaFormat f) {
    format = f;
    answered.countDown();
  }

  @Override
  public void roundTrip(long rttMillis) {
    lastRttMillis.set(rttMillis);
  }

  @Override
  public void ended(HangupCause c, boolean remote) {
    cause = c;
    byRemote = remote;
    endedCount.incrementAndGet();
    ended.countDown();
  }
}
