package io.peerscope.collector;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** A listen address {@code host:port}; IPv6 hosts in brackets ({@code [::1]:8080}). Port 0 picks a free port. */
public record HostPort(String host, int port) {

  public HostPort {
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("host is empty");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  /** Parses {@code host:port}; {@code key} names the option or config key in the error. */
  public static HostPort parse(String text, String key) {
    if (text == null || text.isBlank()) {
      throw new ConfigException(key, "expected HOST:PORT, got nothing");
    }
    String value = text.trim();
    int colon = value.lastIndexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      throw new ConfigException(key, "expected HOST:PORT, got '" + value + "'");
    }
    String host = value.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.indexOf(':') >= 0) {
      throw new ConfigException(key, "an IPv6 host must be in brackets: [::1]:PORT");
    }
    int port;
    try {
      port = Integer.parseInt(value.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "port is not a number in '" + value + "'");
    }
    if (host.isEmpty() || port < 0 || port > 65535) {
      throw new ConfigException(key, "expected HOST:PORT with port 0-65535, got '" + value + "'");
    }
    return new HostPort(host, port);
  }

  /** True when the host resolves to a loopback address (127.0.0.0/8, ::1, localhost). */
  public boolean isLoopback() {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
  }
}
