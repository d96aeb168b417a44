package io.peerscope.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class StageCpuTest {
  private static final long BUSY_NANOS = 150_000_000L;

  @Test
  void aStageThatEndedBeforeTheRunDidKeepsItsLastReading() throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    Thread stage = new Thread(() -> {
      try {
        go.await();
      } catch (InterruptedException e) {
        return;
      }
      spin();
    }, "stage-under-test");
    stage.start();
    StageCpu cpu = new StageCpu("reader", "stage-under-test", "never-started");
    go.countDown();
    stage.join(10_000);
    assertThat(stage.isAlive()).isFalse();
    // the stage is gone: what is reported is what the watcher read while it ran
    cpu.close();

    Map<String, Long> nanos = cpu.nanos();
    assertThat(nanos.keySet()).containsExactly("reader", "stage-under-test");
    assertThat(nanos.get("stage-under-test")).isGreaterThan(BUSY_NANOS / 2);
    assertThat(nanos.get("reader")).isNotNegative();
    assertThat(cpu.summary(1_000_000))
        .matches("CPU per packet: reader \\d+ ns, stage-under-test \\d+ ns; GC pauses \\d+ ms");
  }

  @Test
  void closingOnAnotherThreadThanTheReaderIsRefused() throws Exception {
    StageCpu cpu = new StageCpu("reader");
    Throwable[] thrown = new Throwable[1];
    Thread other = new Thread(() -> {
      try {
        cpu.close();
      } catch (IllegalStateException e) {
        thrown[0] = e;
      }
    });
    other.start();
    other.join(10_000);
    assertThat(thrown[0]).isInstanceOf(IllegalStateException.class);
    cpu.close();
  }

  /** Burns this thread's CPU for {@link #BUSY_NANOS}, or gives up after ten seconds of wall time. */
  private static void spin() {
    var threads = ManagementFactory.getThreadMXBean();
    long start = threads.getCurrentThreadCpuTime();
    long deadline = System.nanoTime() + 10_000_000_000L;
    long x = 1;
    while (threads.getCurrentThreadCpuTime() - start < BUSY_NANOS && System.nanoTime() < deadline) {
      for (int i = 0; i < 10_000; i++) {
        x = x * 6364136223846793005L + 1442695040888963407L;
      }
    }
    if (x == 42) {
      System.out.print("");
    }
  }
}
