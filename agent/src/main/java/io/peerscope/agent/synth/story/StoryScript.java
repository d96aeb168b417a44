package io.peerscope.agent.synth.story;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Plays a {@link StoryPlan} as lookups in time order, day by day (one day in memory at a time;
 * flood lookups are generated on the fly between them). Deterministic: the plan's seed drives
 * one random source per component, consumed in a fixed order.
 */
public final class StoryScript {
  private final StoryPlan plan;

  public StoryScript(StoryPlan plan) {
    this.plan = plan;
  }

  /** Sends every lookup to out in time order; returns how many. */
  public long play(Consumer<StoryLookup> out) {
    SplittableRandom root = new SplittableRandom(plan.seed());
    Background background = new Background(plan, root.split());
    PlantedStory story = new PlantedStory(plan, root.split(), background.loners);
    Flood flood = plan.floodNames() > 0 ? new Flood(plan, root.split()) : null;
    long total = 0;
    List<StoryLookup> day = new ArrayList<>();
    for (int d = 0; d < plan.days(); d++) {
      long dayStart = plan.startMicros() + d * Lookups.DAY;
      day.clear();
      background.day(dayStart, day::add);
      story.day(d, dayStart, day::add);
      day.sort(Comparator.comparingLong(StoryLookup::tsMicros)); // stable: ties keep their order
      long n = flood == null ? 0 : flood.count(d);
      long fi = 0;
      StoryLookup next = n > 0 ? flood.lookup(dayStart, fi++, n) : null;
      for (StoryLookup l : day) {
        while (next != null && next.tsMicros() < l.tsMicros()) {
          out.accept(next);
          total++;
          next = fi < n ? flood.lookup(dayStart, fi++, n) : null;
        }
        out.accept(l);
        total++;
      }
      while (next != null) {
        out.accept(next);
        total++;
        next = fi < n ? flood.lookup(dayStart, fi++, n) : null;
      }
    }
    return total;
  }

  public StoryPlan plan() {
    return plan;
  }
}
