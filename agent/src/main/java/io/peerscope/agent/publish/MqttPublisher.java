package io.peerscope.agent.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.peerscope.agent.capture.ClockListener;
import io.peerscope.agent.detect.FindingSink;
import io.peerscope.agent.metrics.Counter;
import io.peerscope.agent.metrics.Counters;
import io.peerscope.wire.Finding;
import io.peerscope.wire.SensorId;
import io.peerscope.wire.SensorSummary;
import io.peerscope.wire.WireJson;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes findings (QoS 1, {@code peerscope/<sensor>/findings}), periodic summaries and the
 * retained status with an offline last will. {@link #emit} only appends to the {@link Spool} and
 * returns: the network is the business of one thread of its own ("peerscope-publish"), which
 * connects with jittered exponential backoff, sends what the spool holds (at most {@value #WINDOW}
 * unacknowledged at a time) and removes a message from the spool when the broker acknowledged it.
 * Paho's offline buffer and automatic reconnect are not used: they lose messages.
 *
 * <p>{@link #close()} waits up to the configured close timeout for the broker to acknowledge
 * everything pending, publishes the offline status, and leaves whatever is still unacknowledged in
 * the spool for the next start (and says so in the log).
 */
public final class MqttPublisher implements FindingSink, ClockListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MqttPublisher.class);
  static final int WINDOW = 64;
  private static final long SYNC_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long IDLE_WAIT_MILLIS = 200;

  private final PublishConfig config;
  private final String sensor;
  private final Counters counters;
  private final Spool spool;
  private final SummaryWindows windows;
  private final BrokerConnection broker;
  private final Semaphore wake = new Semaphore(0);
  private final Thread thread;
  private final Acknowledged acknowledged = new Acknowledged();
  private final Counter findingsPublished;
  private final Counter summariesPublished;
  private final Counter encodeErrors;
  private final Counter loopErrors;

  private volatile boolean closing;
  private volatile long closeDeadline;
  private boolean closed;

  private MqttPublisher(
      PublishConfig config,
      String sensor,
      String version,
      Counters counters,
      Supplier<Map<String, Object>> highlights)
      throws IOException {
    this.config = config;
    this.sensor = SensorId.require(sensor);
    this.counters = counters;
    this.spool = Spool.open(config.spoolDir(), config.spoolMaxBytes(), counters);
    this.windows =
        new SummaryWindows(sensor, config.summaryIntervalSeconds(), counters, highlights);
    this.findingsPublished = counters.counter("publish.findings_published");
    this.summariesPublished = counters.counter("publish.summaries_published");
    this.encodeErrors = counters.counter("publish.encode_errors");
    this.loopErrors = counters.counter("publish.errors");
    try {
      this.broker =
          new BrokerConnection(config, sensor, version, counters, this::statusCounters, this::wake);
    } catch (MqttException e) {
      spool.close();
      throw new IOException("cannot create the MQTT client for " + config.brokerUrl(), e);
    }
    this.thread = new Thread(this::run, "peerscope-publish");
    this.thread.setDaemon(true);
  }

  /** Opens the spool (re-sending what a previous run left in it) and starts publishing. */
  public static MqttPublisher start(
      PublishConfig config, String sensor, String version, Counters counters) throws IOException {
    return start(config, sensor, version, counters, Map::of);
  }

  /**
   * As {@link #start(PublishConfig, String, String, Counters)}; highlights supplies the free-form
   * part of each summary (busiest names and the like), called once per window on the thread that
   * closes the window.
   */
  public static MqttPublisher start(
      PublishConfig config,
      String sensor,
      String version,
      Counters counters,
      Supplier<Map<String, Object>> highlights)
      throws IOException {
    MqttPublisher p = new MqttPublisher(config, sensor, version, counters, highlights);
    p.thread.start();
    return p;
  }

  @Override
  public void emit(Finding finding) {
    try {
      enqueue(Channel.FINDINGS, WireJson.mapper().writeValueAsBytes(finding));
    } catch (JsonProcessingException | RuntimeException e) {
      encodeErrors.inc();
    }
  }

  /** Capture time advanced: closes a summary window when one is due (capture-time summaries). */
  @Override
  public void onTick(long nowMicros) {
    if (config.summaryClock() == PublishConfig.SummaryClock.CAPTURE) {
      enqueueSummary(windows.onTick(nowMicros));
    }
  }

  @Override
  public void onEnd(long nowMicros) {
    if (config.summaryClock() == PublishConfig.SummaryClock.CAPTURE) {
      enqueueSummary(windows.onEnd(nowMicros));
    }
  }

  /** Messages stored and not yet acknowledged by the broker. */
  public long pending() {
    // Under the acknowledgement lock: once this says 0, the counters of the last ack are in.
    synchronized (acknowledged) {
      return spool.pending();
    }
  }

  public boolean connected() {
    return broker.connected();
  }

  /** Waits until the broker acknowledged everything emitted so far; false on timeout. */
  public boolean awaitDelivered(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (pending() > 0) {
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  /**
   * Flushes (bounded by the close timeout), publishes the offline status and disconnects. What the
   * broker did not acknowledge stays in the spool and is sent by the next start.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (config.summaryClock() == PublishConfig.SummaryClock.WALL) {
      enqueueSummary(windows.onEnd(wallMicros()));
    }
    closeDeadline = System.nanoTime() + config.closeTimeout().toNanos();
    closing = true;
    wake();
    long joinMillis =
        config.closeTimeout().plus(config.connectTimeout()).plusSeconds(10).toMillis();
    try {
      thread.join(joinMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.warn("the publishing thread did not stop within {} ms", joinMillis);
      thread.interrupt();
    }
  }

  private void enqueueSummary(SensorSummary summary) {
    if (summary == null) {
      return;
    }
    try {
      enqueue(Channel.SUMMARY, WireJson.mapper().writeValueAsBytes(summary));
    } catch (JsonProcessingException | RuntimeException e) {
      encodeErrors.inc();
    }
  }

  private void enqueue(Channel channel, byte[] json) {
    byte[] record = new byte[json.length + 1];
    record[0] = channel.tag;
    System.arraycopy(json, 0, record, 1, json.length);
    // A record the spool refuses is counted there (publish.spool_dropped or publish.spool_errors).
    spool.append(record);
    wake();
  }

  private void wake() {
    if (wake.availablePermits() == 0) {
      wake.release();
    }
  }

  private void run() {
    long nextSync = System.nanoTime();
    try {
      while (true) {
        long now = System.nanoTime();
        if (closing && (pending() == 0 || now - closeDeadline >= 0)) {
          break;
        }
        try {
          step(now);
          if (now - nextSync >= 0) {
            spool.sync();
            nextSync = now + SYNC_INTERVAL_NANOS;
          }
        } catch (RuntimeException e) {
          // Never let one bad turn end publishing: the spool still holds everything.
          loopErrors.inc();
          if (loopErrors.get() == 1) {
            LOG.error("publishing hit an unexpected error; further ones are only counted", e);
          }
        }
        long waitMillis = IDLE_WAIT_MILLIS;
        if (closing) {
          waitMillis = Math.max(1, Math.min(waitMillis, (closeDeadline - now) / 1_000_000));
        }
        wake.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
        wake.drainPermits();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      finish();
    }
  }

  private void step(long now) {
    if (config.summaryClock() == PublishConfig.SummaryClock.WALL && !closing) {
      enqueueSummary(windows.onTick(wallMicros()));
    }
    if (broker.maintain(now)) {
      // A new connection: whatever the old one carried without acknowledgement goes again.
      spool.rewind();
    }
    if (broker.connected()) {
      pump();
    }
  }

  /** Sends what the spool holds, keeping at most WINDOW messages unacknowledged. */
  private void pump() {
    while (spool.inFlight() < WINDOW) {
      SpoolEntry e = spool.next();
      if (e == null) {
        return;
      }
      Channel channel = Channel.of(e.payload()[0]);
      if (channel == null) {
        // Intact by CRC but of no known kind: a record from a future version; nothing to send.
        encodeErrors.inc();
        spool.ack(e.position());
        continue;
      }
      MqttMessage m = new MqttMessage(Arrays.copyOfRange(e.payload(), 1, e.payload().length));
      m.setQos(1);
      if (!broker.publish(channel.topic(sensor), m, e, acknowledged)) {
        spool.giveBack(e);
        return;
      }
    }
  }

  private void finish() {
    spool.sync();
    broker.shutDown();
    long left = spool.pending();
    spool.close();
    if (left > 0) {
      LOG.warn(
          "{} messages were not acknowledged by {}; they stay in {} and are sent on the next start",
          left,
          config.brokerUrl(),
          config.spoolDir());
    }
  }

  /** The counters for the status message, with the current spool depth as publish.pending. */
  private Map<String, Long> statusCounters() {
    synchronized (acknowledged) {
      Map<String, Long> out = new TreeMap<>(counters.snapshot());
      out.put("publish.pending", spool.pending());
      return out;
    }
  }

  private static long wallMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
  }

  /** PUBACK arrived: the message leaves the spool. */
  private final class Acknowledged implements IMqttActionListener {
    @Override
    public void onSuccess(IMqttToken token) {
      SpoolEntry e = (SpoolEntry) token.getUserContext();
      synchronized (this) {
        if (spool.ack(e.position())) {
          (e.payload()[0] == Channel.FINDINGS.tag ? findingsPublished : summariesPublished).inc();
        }
      }
      wake();
    }

    @Override
    public void onFailure(IMqttToken token, Throwable cause) {
      // The connection went down with the message; the spool sends it again after reconnecting.
      wake();
    }
  }
}
