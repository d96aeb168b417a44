package io.peerscope.agent.dns;

import java.util.ArrayList;
import java.util.List;

/** The answer section of one message as rendered values, filled by {@link DnsParser#decodeAnswers}. */
public final class DnsAnswers {
  private final List<String> values = new ArrayList<>();
  private final List<Long> ttls = new ArrayList<>();
  private final List<Integer> types = new ArrayList<>();

  void clear() {
    values.clear();
    ttls.clear();
    types.clear();
  }

  void add(int type, String value, long ttl) {
    types.add(type);
    values.add(value);
    ttls.add(ttl);
  }

  public int size() {
    return values.size();
  }

  public String value(int i) {
    return values.get(i);
  }

  public long ttl(int i) {
    return ttls.get(i);
  }

  public int type(int i) {
    return types.get(i);
  }

  /** Immutable copies, for a value that leaves the parser. */
  public List<String> valuesCopy() {
    return copy(values);
  }

  public List<Long> ttlsCopy() {
    return copy(ttls);
  }

  public List<Integer> typesCopy() {
    return copy(types);
  }

  /**
   * List.copyOf goes through an array even for the none or one answer most responses carry; the
   * small cases are built directly (the same immutable lists, one allocation less or none).
   */
  private static <T> List<T> copy(List<T> l) {
    return switch (l.size()) {
      case 0 -> List.of();
      case 1 -> List.of(l.get(0));
      case 2 -> List.of(l.get(0), l.get(1));
      default -> List.copyOf(l);
    };
  }
}
