package io.peerscope.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which stages get a thread: the second core goes to live capture, or else to tracking. */
class PipelineThreadsTest {

  @Test
  void oneCoreRunsEverythingOnTheSourcesThread() {
    assertThat(PipelineThreads.forCores(1, true)).isEqualTo(new PipelineThreads(false, false));
    assertThat(PipelineThreads.forCores(1, false)).isEqualTo(new PipelineThreads(false, false));
  }

  @Test
  void twoCoresGiveCaptureItsOwnThreadWhenItWantsOneAndTrackingOtherwise() {
    assertThat(PipelineThreads.forCores(2, true)).isEqualTo(new PipelineThreads(true, false));
    assertThat(PipelineThreads.forCores(2, false)).isEqualTo(new PipelineThreads(false, true));
  }

  @Test
  void threeCoresGiveBothToASourceThatWantsIt() {
    assertThat(PipelineThreads.forCores(3, true)).isEqualTo(new PipelineThreads(true, true));
    assertThat(PipelineThreads.forCores(4, true)).isEqualTo(new PipelineThreads(true, true));
    assertThat(PipelineThreads.forCores(4, false)).isEqualTo(new PipelineThreads(false, true));
  }
}
