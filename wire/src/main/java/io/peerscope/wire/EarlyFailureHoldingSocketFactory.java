package io.peerscope.wire;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;

/**
 * Plain TCP sockets for Paho whose input reports an end or an error seen early, within the hold
 * time after the first read began, only once that time is over.
 *
 * <p>Why: Paho 1.2.5's connecting thread starts its receiving thread and then polls, every 100 ms,
 * until it sees it running, then does the same for its sending and callback threads (Paho issue
 * 850; the fix is on a branch that was never released). A broker that accepts a connection and
 * closes it at once (at its connection limit, a proxy with no backend) ends the receiver before
 * the first poll, and the connecting thread then polls for as long as the process lives: one
 * thread left behind per attempt, retried all through an outage. Holding the failure keeps the
 * receiver running until the connecting thread has seen it and gone on; the attempt then fails as
 * before, the hold later.
 *
 * <p>Timeouts pass at once: Paho reads with a one-second timeout and treats it as no data.
 */
public final class EarlyFailureHoldingSocketFactory extends SocketFactory {
  /** Long enough for Paho's connecting thread to see its three threads start, under load. */
  public static final long PAHO_HOLD_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final long holdNanos;

  /** For a Paho client's {@code tcp://} connections (for {@code ssl://} Paho makes its own). */
  public static EarlyFailureHoldingSocketFactory forPaho() {
    return new EarlyFailureHoldingSocketFactory(PAHO_HOLD_NANOS);
  }

  public EarlyFailureHoldingSocketFactory(long holdNanos) {
    this.holdNanos = holdNanos;
  }

  @Override
  public Socket createSocket() {
    return new HoldingSocket(holdNanos);
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return connected(null, new InetSocketAddress(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return connected(new InetSocketAddress(localHost, localPort), new InetSocketAddress(host, port));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return connected(null, new InetSocketAddress(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return connected(
        new InetSocketAddress(localAddress, localPort), new InetSocketAddress(address, port));
  }

  private Socket connected(InetSocketAddress local, InetSocketAddress remote) throws IOException {
    Socket s = createSocket();
    try {
      if (local != null) {
        s.bind(local);
      }
      s.connect(remote);
      return s;
    } catch (IOException e) {
      s.close();
      throw e;
    }
  }

  private static final class HoldingSocket extends Socket {
    private final long holdNanos;
    private InputStream input;

    HoldingSocket(long holdNanos) {
      this.holdNanos = holdNanos;
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
      if (input == null) {
        input = new HoldingInputStream(super.getInputStream(), holdNanos);
      }
      return input;
    }
  }

  /** Read by one thread, Paho's receiver. */
  static final class HoldingInputStream extends FilterInputStream {
    private final long holdNanos;
    private boolean reading;
    private long firstRead;

    HoldingInputStream(InputStream in, long holdNanos) {
      super(in);
      this.holdNanos = holdNanos;
    }

    @Override
    public int read() throws IOException {
      begin();
      try {
        int b = in.read();
        if (b < 0) {
          hold();
        }
        return b;
      } catch (SocketTimeoutException noDataYet) {
        throw noDataYet;
      } catch (IOException e) {
        hold();
        throw e;
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      begin();
      try {
        int n = in.read(b, off, len);
        if (n < 0) {
          hold();
        }
        return n;
      } catch (SocketTimeoutException noDataYet) {
        throw noDataYet;
      } catch (IOException e) {
        hold();
        throw e;
      }
    }

    private void begin() {
      if (!reading) {
        reading = true;
        firstRead = System.nanoTime();
      }
    }

    private void hold() {
      long left = firstRead + holdNanos - System.nanoTime();
      if (left > 0) {
        try {
          TimeUnit.NANOSECONDS.sleep(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
