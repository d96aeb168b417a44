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
    return List.copyOf(values);
  }

  public List<Long> ttlsCopy() {
    return List.copyOf(ttls);
  }

  public List<Integer> typesCopy() {
    return List.copyOf(types);
  }
}
