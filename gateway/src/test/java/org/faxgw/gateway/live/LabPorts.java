package org.faxgw.gateway.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketException;

/** Free loopback ports for lab daemons, and whether a daemon has bound its UDP port yet. */
public final class LabPorts {
  private LabPorts() {}

  /** A UDP port free on the wildcard address (iaxmodem binds 0.0.0.0) and on TCP too. */
  public static int freeUdpPort() {
    for (int attempt = 0; attempt < 50; attempt++) {
      try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(0))) {
        int port = s.getLocalPort();
        if (port > 1024 && port < 65000) {
          return port;
        }
      } catch (SocketException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new IllegalStateException("no free UDP port");
  }

  /** A free TCP port on 127.0.0.1. */
  public static int freeTcpPort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** True when something already holds UDP {@code port} on the wildcard address. */
  static boolean udpBound(int port) {
    try (DatagramSocket s = new DatagramSocket(null)) {
      s.setReuseAddress(false);
      s.bind(new InetSocketAddress(port));
      return false;
    } catch (SocketException e) {
      return true;
    }
  }

  /** True when something listens on TCP {@code port} of 127.0.0.1. */
  static boolean tcpListening(int port) {
    try (java.net.Socket s = new java.net.Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
