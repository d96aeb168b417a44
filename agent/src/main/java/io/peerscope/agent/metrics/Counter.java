package io.peerscope.agent.metrics;

import java.util.concurrent.atomic.LongAdder;

/** A monotonically increasing count, written by the pipeline and read by status and metrics. */
public final class Counter {
  private final String name;
  private final LongAdder value = new LongAdder();

  Counter(String name) {
    this.name = name;
  }

  public String name() {
    return name;
  }

  public void inc() {
    value.increment();
  }

  public void add(long n) {
    value.add(n);
  }

  public long get() {
    return value.sum();
  }
}
