package io.peerscope.app.demo;

import io.peerscope.agent.decode.IpAddress;
import io.peerscope.agent.synth.DnsWire;
import io.peerscope.agent.synth.FrameBuilder;
import io.peerscope.agent.synth.story.StoryCast;
import io.peerscope.agent.synth.story.StoryLookup;
import io.peerscope.agent.synth.story.StoryPlan;
import io.peerscope.agent.synth.story.StoryScript;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The planted DNS story of issue 4 (a mail host asked almost only by one bank's resolvers,
 * removed, renamed four days later; a polling bot; two controls), in its small size: three weeks
 * of lookups to an authoritative server, written as query and response frames.
 */
final class DemoStory {
  /** The story's server answers IPv6 clients on an IPv6 address of its own. */
  static final IpAddress SERVER6 = IpAddress.parse("2001:db8:5300::53");

  private final FrameQueue frames;

  DemoStory(FrameQueue frames) {
    this.frames = frames;
  }

  /** Plays the story; other generators' frames are written in between, in time order. */
  long play(StoryPlan plan) {
    return new StoryScript(plan).play(this::lookup);
  }

  private void lookup(StoryLookup l) {
    frames.writeBefore(l.tsMicros());
    IpAddress server = l.client().isV4() ? StoryCast.SERVER : SERVER6;
    byte[] query = DnsWire.query(l.id(), l.name(), l.qtype());
    frames.add(l.tsMicros(), FrameBuilder.udp(l.client(), l.clientPort(), server, 53, query));
    if (l.answered()) {
      List<Record> answers = new ArrayList<>();
      for (int i = 0; i < l.answers().size(); i++) {
        Record r = record(l.name(), l.answerTypes().get(i), l.ttls().get(i), l.answers().get(i));
        if (r != null) {
          answers.add(r);
        }
      }
      byte[] response = DnsWire.response(l.id(), l.name(), l.qtype(), l.rcode(), answers.toArray(new Record[0]));
      frames.add(l.tsMicros() + l.rttMicros(),
          FrameBuilder.udp(server, 53, l.client(), l.clientPort(), response));
    }
  }

  private static Record record(String name, int type, long ttl, String value) {
    return switch (type) {
      case Type.A -> DnsWire.a(name, ttl, value);
      case Type.AAAA -> DnsWire.aaaa(name, ttl, value);
      case Type.TXT -> DnsWire.txt(name, ttl, value);
      case Type.CNAME -> DnsWire.cname(name, ttl, value);
      default -> null;
    };
  }
}
