package io.peerscope.agent.synth.story;

import io.peerscope.agent.decode.IpAddress;
import io.peerscope.agent.synth.DnsWire;
import io.peerscope.agent.synth.FrameBuilder;
import io.peerscope.agent.synth.FrameSink;
import io.peerscope.agent.synth.PcapWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.LongConsumer;
import org.xbill.DNS.Record;

/**
 * Writes the story of a {@link StoryPlan} as a capture: every lookup a UDP query from the client
 * to {@link StoryCast#SERVER} port 53 and, unless unanswered, the response a round-trip later.
 * Deterministic: the same plan gives the same bytes.
 *
 * <pre>{@code
 * StoryCapture.write(StoryPlan.full(), Path.of("story.pcap"));          // three weeks
 * StoryCapture.write(StoryPlan.small(), writer, ts -> mixInOwnFramesUpTo(ts));  // demo
 * }</pre>
 */
public final class StoryCapture {
  private StoryCapture() {}

  /** Writes a new pcap file; returns the number of frames. */
  public static long write(StoryPlan plan, Path file) throws IOException {
    try (PcapWriter out = PcapWriter.create(file)) {
      return write(plan, out, ts -> {});
    }
  }

  /**
   * Writes into an existing writer (left open) or any other sink, in time order. beforeFrame is
   * told the timestamp of each frame just before it is written, so the caller can first write its
   * own frames up to that time (SMTP sessions, for instance) and the file stays in time order.
   */
  public static long write(StoryPlan plan, FrameSink out, LongConsumer beforeFrame) {
    FrameQueue q = new FrameQueue(out, beforeFrame);
    new StoryScript(plan).play(l -> frames(l, q));
    q.flushAll();
    return q.frames();
  }

  /**
   * Writes the story into two captures as if the sensor had been restarted at splitMicros: a
   * lookup belongs to the file of its query, response included, so the split itself neither
   * creates nor loses a transaction.
   */
  public static void writeSplit(StoryPlan plan, long splitMicros, FrameSink first,
      FrameSink second) {
    FrameQueue a = new FrameQueue(first, ts -> {});
    FrameQueue b = new FrameQueue(second, ts -> {});
    new StoryScript(plan).play(l -> frames(l, l.tsMicros() < splitMicros ? a : b));
    a.flushAll();
    b.flushAll();
  }

  private static void frames(StoryLookup l, FrameQueue q) {
    // lookups come in query time order: every frame before this query is final
    q.flushBefore(l.tsMicros());
    byte[] query = DnsWire.query(l.id(), l.name(), l.qtype());
    IpAddress server = StoryCast.server(l.client());
    q.add(l.tsMicros(), FrameBuilder.udp(l.client(), l.clientPort(), server, 53, query));
    if (l.answered()) {
      Record[] answers = new Record[l.answers().size()];
      for (int i = 0; i < answers.length; i++) {
        String v = l.answers().get(i);
        long ttl = l.ttls().get(i);
        answers[i] = switch (l.answerTypes().get(i)) {
          case Lookups.A -> DnsWire.a(l.name(), ttl, v);
          case Lookups.AAAA -> DnsWire.aaaa(l.name(), ttl, v);
          default -> DnsWire.txt(l.name(), ttl, v);
        };
      }
      byte[] response = DnsWire.response(l.id(), l.name(), l.qtype(), l.rcode(), answers);
      q.add(l.tsMicros() + l.rttMicros(),
          FrameBuilder.udp(server, 53, l.client(), l.clientPort(), response));
    }
  }
}
