package io.peerscope.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EarlyFailureHoldingSocketFactoryTest {
  private static final long HOLD_NANOS = TimeUnit.MILLISECONDS.toNanos(300);

  @Test
  void anEndSeenEarlyIsReportedOnlyOnceTheHoldIsOver() throws IOException {
    InputStream in =
        new EarlyFailureHoldingSocketFactory.HoldingInputStream(
            new ByteArrayInputStream(new byte[] {7}), HOLD_NANOS);
    long start = System.nanoTime();
    assertThat(in.read()).isEqualTo(7);
    assertThat(in.read(new byte[4], 0, 4)).isEqualTo(-1);
    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(HOLD_NANOS);
  }

  @Test
  void anErrorSeenEarlyIsHeldAndAnEndAfterTheHoldIsNot() throws IOException {
    InputStream failing =
        new EarlyFailureHoldingSocketFactory.HoldingInputStream(
            new InputStream() {
              @Override
              public int read() throws IOException {
                throw new IOException("connection reset");
              }
            },
            HOLD_NANOS);
    long start = System.nanoTime();
    assertThatThrownBy(failing::read).hasMessage("connection reset");
    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(HOLD_NANOS);
    // the hold counts from the first read: a later failure passes at once
    long again = System.nanoTime();
    assertThatThrownBy(failing::read).hasMessage("connection reset");
    assertThat(System.nanoTime() - again).isLessThan(HOLD_NANOS);
  }

  @Test
  void aReadTimeoutIsNoFailureAndPassesAtOnce() {
    InputStream timingOut =
        new EarlyFailureHoldingSocketFactory.HoldingInputStream(
            new InputStream() {
              @Override
              public int read() throws IOException {
                throw new SocketTimeoutException("Read timed out");
              }
            },
            TimeUnit.SECONDS.toNanos(60));
    long start = System.nanoTime();
    assertThatThrownBy(timingOut::read).isInstanceOf(SocketTimeoutException.class);
    assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(30));
  }

  @Test
  void itsSocketsCarryDataBothWaysOnLoopback() throws IOException {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket client =
            new EarlyFailureHoldingSocketFactory(HOLD_NANOS)
                .createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        Socket accepted = server.accept()) {
      accepted.getOutputStream().write(new byte[] {1, 2, 3});
      client.getOutputStream().write(9);
      byte[] got = new byte[3];
      assertThat(client.getInputStream().readNBytes(got, 0, 3)).isEqualTo(3);
      assertThat(got).containsExactly(1, 2, 3);
      assertThat(accepted.getInputStream().read()).isEqualTo(9);
      assertThat(client.getInputStream()).isSameAs(client.getInputStream());
    }
  }
}
