package io.peerscope.microbench;

import io.peerscope.agent.decode.IpAddress;
import io.peerscope.agent.dns.DnsLimits;
import io.peerscope.agent.dns.DnsTransaction;
import io.peerscope.agent.dns.DnsTransactionListener;
import io.peerscope.agent.dns.DnsTransactionTable;
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
import org.openjdk.jmh.infra.Blackhole;

/** A query and its response through the transaction table: matching, RTT and the emitted line. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class DnsTransactionBench {
  private final IpAddress client = IpAddress.parse("10.0.0.1");
  private final IpAddress server = IpAddress.parse("192.0.2.53");
  private DnsTransactionTable table;
  private byte[] query;
  private byte[] response;
  private long now = 1_000_000L;

  @Setup
  public void setUp(Blackhole bh) {
    table = new DnsTransactionTable(new Counters(), DnsLimits.DEFAULTS);
    // as the agent's own listeners: reads during the call, keeps nothing, so the table refills
    // one transaction instead of building one per line
    table.addListener(new DnsTransactionListener() {
      @Override
      public void onTransaction(DnsTransaction t) {
        bh.consume(t.query());
        bh.consume(t.rcodeCode());
      }

      @Override
      public boolean retainsTransactions() {
        return false;
      }
    });
    query = DnsWire.query(4711, "www.example.com", 1);
    response =
        DnsWire.response(4711, "www.example.com", 1, 0, DnsWire.a("www.example.com", 60, "192.0.2.10"));
  }

  @Benchmark
  public int queryThenResponse() {
    now += 100;
    table.onMessage(now, client.hi(), client.lo(), 40000, server.hi(), server.lo(), 53, false, query, 0, query.length);
    table.onMessage(
        now + 50, server.hi(), server.lo(), 53, client.hi(), client.lo(), 40000, false, response, 0, response.length);
    return table.pending();
  }
}
