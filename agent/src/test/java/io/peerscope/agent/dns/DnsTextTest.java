package io.peerscope.agent.dns;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Wire bytes to text: valid UTF-8 is kept, every other byte is escaped as \DDD, nothing dropped. */
class DnsTextTest {
  private static String label(int... bytes) {
    return escape(true, bytes);
  }

  private static String text(int... bytes) {
    return escape(false, bytes);
  }

  private static String escape(boolean label, int... bytes) {
    byte[] b = new byte[bytes.length + 2];
    for (int i = 0; i < bytes.length; i++) {
      b[i + 1] = (byte) bytes[i];
    }
    StringBuilder sb = new StringBuilder();
    DnsText.appendEscaped(sb, b, 1, bytes.length, label); // at an offset, like a label inside a frame
    return sb.toString();
  }

  @Test
  void wellFormedUtf8IsKept() {
    assertThat(label(0xc3, 0xa9)).isEqualTo("\u00e9"); // 2 bytes
    assertThat(label(0xe2, 0x82, 0xac)).isEqualTo("\u20ac"); // 3 bytes
    assertThat(label(0xf0, 0x9f, 0x98, 0x80)).isEqualTo("\uD83D\uDE00"); // 4 bytes
    assertThat(label(0xf4, 0x8f, 0xbf, 0xbf)).isEqualTo(new String(Character.toChars(0x10ffff)));
  }

  @Test
  void malformedUtf8IsEscapedBytewise() {
    assertThat(label(0xc0, 0x80)).isEqualTo("\\192\\128"); // overlong NUL
    assertThat(label(0xe0, 0x80, 0x80)).isEqualTo("\\224\\128\\128"); // overlong
    assertThat(label(0xed, 0xa0, 0x80)).isEqualTo("\\237\\160\\128"); // UTF-16 surrogate
    assertThat(label(0xf4, 0x90, 0x80, 0x80)).isEqualTo("\\244\\144\\128\\128"); // beyond U+10FFFF
    assertThat(label(0xf5, 0x80)).isEqualTo("\\245\\128"); // never a lead byte
    assertThat(label(0xe2, 0x82)).isEqualTo("\\226\\130"); // cut short by the label's end
    assertThat(label(0x80, 'a')).isEqualTo("\\128a"); // a lone continuation byte
  }

  @Test
  void labelsEscapeWhatWouldChangeTheirMeaning() {
    assertThat(label('a', '.', 'b')).isEqualTo("a\\.b");
    assertThat(label('a', '\\', 'b')).isEqualTo("a\\\\b");
    assertThat(label('a', ' ', 'b')).isEqualTo("a\\032b");
    assertThat(label(0x00, 0x1f, 0x7f)).isEqualTo("\\000\\031\\127");
    assertThat(label('-', '_', '*')).isEqualTo("-_*");
  }

  @Test
  void textKeepsSpacesAndDotsButEscapesBackslashAndControls() {
    assertThat(text('v', '=', 's', 'p', 'f', '1', ' ', 'a', '.', 'b')).isEqualTo("v=spf1 a.b");
    assertThat(text('\\', '\n', 0xff)).isEqualTo("\\\\\\010\\255");
  }
}
