package org.faxgw.iax2.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.faxgw.iax2.CallAudio;
import org.faxgw.iax2.CallListener;
import org.faxgw.iax2.Iax2Call;
import org.faxgw.iax2.Iax2Endpoint;
import org.faxgw.iax2.Iax2FrameDecoder;
import org.faxgw.iax2.InboundCallHandler;
import org.faxgw.iax2.protocol.AuthMethod;
import org.faxgw.iax2.protocol.Iax2Protocol;
import org.faxgw.iax2.protocol.ProtocolConfig;

/**
 * {@link Iax2Endpoint} on Netty: one UDP channel for every call and registration, served by one
 * event-loop thread ("iax2-loop"). Datagrams go into the pure {@link Iax2Protocol}; what it sends
 * goes out on the channel; its timers (retransmission, PING, linger, registration) run on the
 * loop's timers, and every answered call has its own 20 ms {@link MediaClock} there. Nothing on the
 * loop blocks: the gateway's {@link CallAudio} and listeners run there and must not block either.
 *
 * <p>Build it from the gateway's config: {@code NettyIax2Endpoint.start(iax2Section.
 * toEndpointConfig())}.
 */
public final class NettyIax2Endpoint implements Iax2Endpoint {
  /** Receive buffer per datagram: the largest IAX2 frame we take (RFC 5456 has no limit). */
  private static final int MAX_DATAGRAM = Iax2FrameDecoder.MAX_FRAME;

  private volatile Iax2EndpointConfig config;
  private final EventLoopGroup group;
  private final EventLoop loop;
  private final Channel channel;
  private final EndpointCore core;
  private final TickLateness lateness = new TickLateness();
  private final long startNanos = System.nanoTime();
  private final long startEpochMillis = System.currentTimeMillis();
  private boolean pendingFlush;
  private final Runnable flushTask = this::flush;

  private NettyIax2Endpoint(Iax2EndpointConfig config) throws InterruptedException {
    this.config = config;
    this.group =
        new MultiThreadIoEventLoopGroup(
            1, (java.util.concurrent.ThreadFactory) r -> loopThread(r), NioIoHandler.newFactory());
    this.loop = group.next();
    ProtocolConfig pc = protocolConfig(config);
    this.core =
        new EndpointCore(
            config,
            out -> new Iax2Protocol(pc, out, new SecureRandom(), nowMillis()),
            TickScheduler.of(loop),
            this::nowMillis,
            this::write,
            this::execute,
            lateness);
    Bootstrap b =
        new Bootstrap()
            .group(loop)
            .channel(NioDatagramChannel.class)
            .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM))
            .option(ChannelOption.SO_RCVBUF, 4 << 20)
            .option(ChannelOption.SO_SNDBUF, 4 << 20)
            .handler(new DatagramHandler());
    Channel ch;
    try {
      ch = b.bind(config.listen()).sync().channel();
    } catch (RuntimeException | InterruptedException e) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      throw e;
    }
    this.channel = ch;
    execute(core::startTimer);
  }

  private static Thread loopThread(Runnable r) {
    Thread t = new Thread(r, "iax2-loop");
    t.setDaemon(true);
    return t;
  }

  /**
   * Binds the UDP channel and starts the endpoint.
   *
   * @throws IllegalStateException when the address cannot be bound
   */
  public static NettyIax2Endpoint start(Iax2EndpointConfig config) {
    try {
      return new NettyIax2Endpoint(config);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while binding " + config.listen(), e);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "cannot listen on UDP " + config.listen() + ": " + e.getMessage(), e);
    }
  }

  /** The pure protocol's configuration for this endpoint's. */
  static ProtocolConfig protocolConfig(Iax2EndpointConfig c) {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return ProtocolConfig.of(protocolPeers(c), protocolUsers(c), secret).withMaxCalls(c.maxCalls());
  }

  private static List<ProtocolConfig.Peer> protocolPeers(Iax2EndpointConfig c) {
    List<ProtocolConfig.Peer> peers = new ArrayList<>();
    for (Iax2EndpointConfig.Peer p : c.peers()) {
      InetSocketAddress a = p.address();
      if (a.isUnresolved()) {
        a = new InetSocketAddress(a.getHostString(), a.getPort());
        if (a.isUnresolved()) {
          throw new IllegalStateException(
              "iax2 peer " + p.name() + ": cannot resolve host " + a.getHostString());
        }
      }
      peers.add(
          new ProtocolConfig.Peer(
              p.name(),
              a,
              p.username(),
              p.secret(),
              authMethods(p.auth()),
              p.codecs(),
              p.register(),
              (int) p.refresh().toSeconds(),
              true));
    }
    return peers;
  }

  private static List<ProtocolConfig.User> protocolUsers(Iax2EndpointConfig c) {
    List<ProtocolConfig.User> users = new ArrayList<>();
    for (Iax2EndpointConfig.User u : c.users()) {
      users.add(
          new ProtocolConfig.User(
              u.name(), u.secret(), authMethods(u.auth()), u.codecs(), u.requireCallToken(), 3600));
    }
    return users;
  }

  private static Set<AuthMethod> authMethods(Iax2EndpointConfig.Auth a) {
    return a == Iax2EndpointConfig.Auth.PLAIN
        ? Set.of(AuthMethod.MD5, AuthMethod.PLAINTEXT)
        : Set.of(AuthMethod.MD5);
  }

  /** The endpoint's clock: milliseconds on the epoch scale, but monotonic (nanoTime based). */
  long nowMillis() {
    return startEpochMillis + (System.nanoTime() - startNanos) / 1_000_000L;
  }

  /** The address the channel is bound to (the real port when the config asked for port 0). */
  public InetSocketAddress localAddress() {
    return (InetSocketAddress) channel.localAddress();
  }

  public Iax2EndpointConfig config() {
    return config;
  }

  /** Lateness of every media tick of every call so far. */
  public TickLateness lateness() {
    return lateness;
  }

  /** Shows every frame sent and received to {@code tap} (null: none). */
  public void tap(FrameTap tap) {
    core.tap(tap);
  }

  /** The protocol's counters (malformed frames, retransmissions, …). */
  public Iax2Protocol.Stats stats() {
    return onLoopAndWait(() -> core.protocol().stats());
  }

  /** Entries in the protocol's call table, lingering ones included. */
  public int tableSize() {
    return onLoopAndWait(() -> core.protocol().tableSize());
  }

  /** Exceptions caught on the loop (from the protocol or the gateway's callbacks). */
  public long internalErrors() {
    return onLoopAndWait(core::internalErrors);
  }

  @Override
  public Iax2Call dial(String peer, String number, CallAudio audio, CallListener listener) {
    if (config.peer(peer) == null) {
      throw new IllegalArgumentException("no IAX2 peer named " + peer);
    }
    EndpointCore.Call c = core.new Call(peer, listener, audio);
    execute(() -> core.dial(c, number));
    return c;
  }

  /**
   * Sends LAGRQ on an answered call of this endpoint (RFC 5456 8.4); the LAGRP's round trip reaches
   * the call's {@link CallListener#roundTrip}. For probes: calls are measured by PING.
   */
  public void lagRequest(Iax2Call call) {
    if (call instanceof EndpointCore.Call c) {
      execute(() -> core.lagRequest(c));
    }
  }

  @Override
  public void onIncoming(InboundCallHandler handler) {
    core.handler(handler);
  }

  @Override
  public void drain() {
    execute(core::drain);
  }

  /**
   * Puts the peers and users of {@code next} in force (its listen address, call limit and playout
   * delay are not changed: they need a new endpoint). Calls in progress go on with the peer they
   * were placed with.
   *
   * @throws IllegalStateException when a new peer's host does not resolve (nothing changed)
   */
  @Override
  public void replacePeers(Iax2EndpointConfig next) {
    List<ProtocolConfig.Peer> peers = protocolPeers(next);
    List<ProtocolConfig.User> users = protocolUsers(next);
    Iax2EndpointConfig merged =
        new Iax2EndpointConfig(
            config.listen(),
            next.peers(),
            next.users(),
            config.maxCalls(),
            config.playoutDelay(),
            config.ringTimeout());
    onLoopAndWait(
        () -> {
          core.reconfigure(merged, peers, users);
          return null;
        });
    config = merged;
  }

  @Override
  public int activeCalls() {
    return onLoopAndWait(core::activeCalls);
  }

  @Override
  public List<Registration> registrations() {
    return onLoopAndWait(core::registrations);
  }

  @Override
  public void close() {
    if (!channel.isOpen()) {
      return;
    }
    try {
      onLoopAndWait(
          () -> {
            core.close();
            flush();
            return null;
          });
    } catch (IllegalStateException e) {
      // the loop is gone already
    }
    channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }

  /** Runs {@code r} on the loop, then flushes what it wrote. */
  private void execute(Runnable r) {
    if (loop.inEventLoop()) {
      r.run();
      flush();
    } else {
      loop.execute(
          () -> {
            r.run();
            flush();
          });
    }
  }

  private <T> T onLoopAndWait(Callable<T> c) {
    if (loop.inEventLoop()) {
      try {
        return c.call();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    try {
      return loop.submit(c).get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException
        | TimeoutException
        | java.util.concurrent.RejectedExecutionException e) {
      throw new IllegalStateException("iax2 event loop: " + e, e);
    }
  }

  private void write(InetSocketAddress to, byte[] datagram, int len, boolean owned) {
    ByteBuf buf;
    if (owned) {
      buf = Unpooled.wrappedBuffer(datagram, 0, len);
    } else {
      // lent by the media path: copied into a buffer of the channel's (pooled) allocator
      buf = channel.alloc().ioBuffer(len);
      buf.writeBytes(datagram, 0, len);
    }
    channel.write(new DatagramPacket(buf, to), channel.voidPromise());
    if (!pendingFlush) {
      pendingFlush = true;
      // Timer tasks (media ticks, retransmissions) do not pass through execute(): flush after them.
      loop.execute(flushTask);
    }
  }

  private void flush() {
    if (pendingFlush) {
      pendingFlush = false;
      channel.flush();
    }
  }

  /** The channel's one pipeline member: datagrams into the protocol. */
  private final class DatagramHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    /** Each datagram is copied here (the protocol keeps nothing of it); the loop's one thread. */
    private final byte[] received = new byte[MAX_DATAGRAM];

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
      ByteBuf b = p.content();
      int len = Math.min(b.readableBytes(), received.length);
      b.getBytes(b.readerIndex(), received, 0, len);
      core.received(received, len, p.sender());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      // A UDP channel gets ICMP port-unreachable as an exception: the call's timers deal with it.
    }
  }
}
