package io.peerscope.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTableTest {
  @Test
  void columnsAlignAndLongCellsAreCut() {
    String t = new TextTable(new String[] {"KIND", "SUMMARY"}, new int[] {0, 10})
        .row("dns.beaconing", "a rather long sentence")
        .row("x", "short")
        .render();
    assertThat(t).isEqualTo(
        "KIND           SUMMARY\n"
            + "-------------  ----------\n"
            + "dns.beaconing  a rather …\n"
            + "x              short\n");
  }

  @Test
  void controlCharactersFromTheWireAreShownEscaped() {
    // an ANSI escape sequence in a DNS label must not reach the terminal
    String hostile = "evil\u001b[2J\u0007.example\u009b";
    String t = new TextTable(new String[] {"SUBJECT"}, new int[] {0}).row(hostile).render();
    assertThat(t).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\u009b");
    assertThat(t).contains("evil\\u001b[2J\\u0007.example\\u009b");
  }
}
