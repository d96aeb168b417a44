package io.peerscope.microbench;

import io.peerscope.agent.dns.DnsAnswers;
import io.peerscope.agent.dns.DnsLimits;
import io.peerscope.agent.dns.DnsParser;
import io.peerscope.agent.metrics.Counters;
import io.peerscope.agent.synth.DnsWire;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.xbill.DNS.Message;

/**
 * The DNS parser's triage (header and question, no allocation) and full answer decoding, beside
 * dnsjava's {@code new Message(bytes)} on the same response for comparison.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class DnsParseBench {
  private final DnsParser parser = new DnsParser(new Counters(), DnsLimits.DEFAULTS);
  private final DnsAnswers answers = new DnsAnswers();
  private byte[] response;

  @Setup
  public void setUp() {
    response =
        DnsWire.response(
            4711,
            "www.example.com",
            1,
            0,
            DnsWire.cname("www.example.com", 300, "edge.example.net"),
            DnsWire.a("edge.example.net", 60, "192.0.2.10"),
            DnsWire.a("edge.example.net", 60, "192.0.2.11"));
  }

  @Benchmark
  public int triage() {
    parser.parse(response, 0, response.length);
    return parser.qtype();
  }

  @Benchmark
  public int triageAndAnswers() {
    parser.parse(response, 0, response.length);
    parser.decodeAnswers(answers);
    return answers.size();
  }

  @Benchmark
  public Object dnsjavaMessage() throws Exception {
    return new Message(response);
  }
}
