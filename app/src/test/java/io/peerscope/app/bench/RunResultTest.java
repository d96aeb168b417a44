package io.peerscope.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A contender's figure is its median read, and the note shows every read it made. */
class RunResultTest {
  private static RunResult read(double seconds, double alloc) {
    return new RunResult("peerscope", 1_000_000, seconds, alloc, 100.0, 50.0, "agent pipeline");
  }

  @Test
  void theMedianReadIsReportedWithItsOwnFigures() {
    RunResult slow = read(2.0, 30.0);
    RunResult middle = read(1.0, 20.0);
    RunResult fast = read(0.5, 10.0);
    RunResult m = RunResult.median(List.of(slow, fast, middle));
    assertThat(m).isSameAs(middle);
    // of two, the slower: a figure is never flattered by picking the better half
    assertThat(RunResult.median(List.of(fast, slow))).isSameAs(slow);
    assertThat(RunResult.median(List.of(fast))).isSameAs(fast);
    assertThatThrownBy(() -> RunResult.median(List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theNoteListsTheMeasuredAndTheWarmUpReadsInOrder() {
    RunResult m = read(1.0, 20.0).afterWarmUp(List.of(read(4.0, 0), read(2.0, 0)),
        List.of(read(2.0, 30.0), read(1.0, 20.0), read(0.5, 10.0)));
    assertThat(m.note()).isEqualTo("agent pipeline; median of reads 3-5 (500000, 1000000, 2000000 packets/s) "
        + "in its JVM (before, while compiling: 250000, 500000 packets/s)");
    assertThat(m.allocBytesPerPacket()).isEqualTo(20.0);
    RunResult one = read(1.0, 20.0).afterWarmUp(List.of(read(4.0, 0), read(2.0, 0)), List.of(read(1.0, 20.0)));
    assertThat(one.note()).isEqualTo("agent pipeline; read 3 in its JVM (before, while compiling: 250000, 500000 packets/s)");
  }
}
