package io.peerscope.agent.track;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.agent.metrics.Counters;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The ledger of sent findings is held to its share of the tracking budget. */
class EmissionLedgerTest {
  @Test
  void capacityFollowsTheTrackingBudget() {
    TrackConfig small = TrackConfig.defaults().withBudgetMb(4);
    TrackConfig large = TrackConfig.defaults().withBudgetMb(512);
    int smallCap = new TrackerState(small, new Counters()).ledger().capacity();
    int largeCap = new TrackerState(large, new Counters()).ledger().capacity();
    assertThat((long) smallCap * EmissionLedger.ENTRY_BYTES).isLessThanOrEqualTo(small.budgetBytes() * 3 / 100);
    assertThat((long) largeCap * EmissionLedger.ENTRY_BYTES).isLessThanOrEqualTo(large.budgetBytes() * 3 / 100);
    assertThat(largeCap).isGreaterThan(smallCap * 100);
    assertThat(EmissionLedger.forBudget(0).capacity()).isEqualTo(EmissionLedger.MIN_CAPACITY);
  }

  @Test
  void theLeastRecentlySentEntryMakesRoomAndALargerSavedLedgerLoadsTrimmed() throws IOException {
    EmissionLedger big = new EmissionLedger(1000);
    for (int i = 0; i < 1000; i++) {
      big.getOrCreate("dns.exclusive-peer", "name" + i).lastCount = i;
    }
    EmissionLedger small = new EmissionLedger(300);
    for (int i = 0; i < 1000; i++) {
      small.getOrCreate("dns.exclusive-peer", "name" + i);
    }
    assertThat(small.size()).isEqualTo(300);
    assertThat(small.get("dns.exclusive-peer", "name0")).isNull();
    assertThat(small.get("dns.exclusive-peer", "name999")).isNotNull();

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    big.write(new DataOutputStream(bytes));
    EmissionLedger reloaded = new EmissionLedger(300);
    reloaded.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertThat(reloaded.size()).isEqualTo(300);
    assertThat(reloaded.get("dns.exclusive-peer", "name999").lastCount).isEqualTo(999);
    assertThat(reloaded.get("dns.exclusive-peer", "name0")).isNull();
  }
}
