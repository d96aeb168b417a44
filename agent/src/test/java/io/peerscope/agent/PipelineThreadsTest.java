package io.peerscope.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which stages get a thread: tracking from the second core on, pcap4j capture from the third. */
class PipelineThreadsTest {

  @Test
  void oneCoreRunsEverythingOnTheSourcesThread() {
    assertThat(PipelineThreads.forCores(1, true)).isEqualTo(new PipelineThreads(false, false));
    assertThat(PipelineThreads.forCores(1, false)).isEqualTo(new PipelineThreads(false, false));
  }

  @Test
  void twoCoresGiveTrackingItsOwnThread() {
    assertThat(PipelineThreads.forCores(2, true)).isEqualTo(new PipelineThreads(false, true));
    assertThat(PipelineThreads.forCores(2, false)).isEqualTo(new PipelineThreads(false, true));
  }

  @Test
  void aThirdCoreTakesCaptureOnlyForASourceThatWantsIt() {
    assertThat(PipelineThreads.forCores(4, true)).isEqualTo(new PipelineThreads(true, true));
    assertThat(PipelineThreads.forCores(4, false)).isEqualTo(new PipelineThreads(false, true));
  }
}
