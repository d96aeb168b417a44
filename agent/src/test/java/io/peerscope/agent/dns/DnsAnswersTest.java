package io.peerscope.agent.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The answer section's values, types and TTLs, and the lists that leave with a transaction. */
class DnsAnswersTest {
  @Test
  void aRepeatedSingleAnswerSharesItsListsAndADifferentOneGetsItsOwn() {
    DnsAnswers a = new DnsAnswers();
    String address = "198.51.100.25";
    a.add(1, address, 300);
    List<String> v1 = a.valuesCopy();
    List<Long> t1 = a.ttlsCopy();
    List<Integer> y1 = a.typesCopy();
    a.clear();
    a.add(1, address, 300);
    assertThat(a.valuesCopy()).isSameAs(v1).containsExactly(address);
    assertThat(a.ttlsCopy()).isSameAs(t1).containsExactly(300L);
    assertThat(a.typesCopy()).isSameAs(y1).containsExactly(1);

    a.clear();
    a.add(28, "2001:db8::25", 299);
    assertThat(a.valuesCopy()).containsExactly("2001:db8::25");
    assertThat(a.ttlsCopy()).containsExactly(299L);
    assertThat(a.typesCopy()).containsExactly(28);
    // the lists handed out earlier still say what they said
    assertThat(v1).containsExactly(address);
    assertThat(t1).containsExactly(300L);
  }

  @Test
  void manyAnswersGrowTheStorageAndKeepTheirOrder() {
    DnsAnswers a = new DnsAnswers();
    for (int i = 0; i < 40; i++) {
      a.add(i % 2 == 0 ? 1 : 5, "v" + i, 1000L + i);
    }
    assertThat(a.size()).isEqualTo(40);
    assertThat(a.ttl(39)).isEqualTo(1039);
    assertThat(a.type(39)).isEqualTo(5);
    assertThat(a.valuesCopy()).hasSize(40).startsWith("v0", "v1").endsWith("v39");
    assertThat(a.ttlsCopy()).hasSize(40).startsWith(1000L).endsWith(1039L);
    assertThat(a.typesCopy()).hasSize(40).startsWith(1, 5);
    a.clear();
    assertThat(a.size()).isZero();
    assertThat(a.valuesCopy()).isEmpty();
    assertThat(a.ttlsCopy()).isEmpty();
    assertThat(a.typesCopy()).isEmpty();
  }
}
