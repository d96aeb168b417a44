package io.peerscope.agent;

import io.peerscope.agent.capture.ClockListener;
import io.peerscope.agent.capture.LiveCaptureOptions;
import io.peerscope.agent.config.AgentConfig;
import io.peerscope.agent.config.CaptureConfig;
import io.peerscope.agent.config.ConfigException;
import io.peerscope.agent.config.LimitsConfig;
import io.peerscope.agent.decode.DecodeLimits;
import io.peerscope.agent.decode.PacketDecoder;
import io.peerscope.agent.detect.DnsRelationships;
import io.peerscope.agent.log.SmtpLogWriter;
import io.peerscope.agent.smtp.ServerKnowledge;
import io.peerscope.agent.smtp.SmtpFindingDetector;
import io.peerscope.agent.smtp.SmtpLimits;
import io.peerscope.agent.smtp.SmtpListener;
import io.peerscope.agent.smtp.SmtpSessionFactory;
import io.peerscope.agent.smtp.TlsObserver;
import io.peerscope.agent.smtp.fingerprint.EolKnowledge;
import io.peerscope.agent.smtp.fingerprint.Fingerprinter;
import io.peerscope.agent.smtp.tls.TlsCounters;
import io.peerscope.agent.detect.FindingFanout;
import io.peerscope.agent.detect.FindingSink;
import io.peerscope.agent.dns.DnsLimits;
import io.peerscope.agent.dns.DnsTcpStreams;
import io.peerscope.agent.dns.DnsTransactionHandoff;
import io.peerscope.agent.dns.DnsTransactionTable;
import io.peerscope.agent.dns.DnsUdpHandler;
import io.peerscope.agent.log.DnsLogWriter;
import io.peerscope.agent.log.FindingLog;
import io.peerscope.agent.metrics.Counter;
import io.peerscope.agent.metrics.Counters;
import io.peerscope.agent.publish.MqttPublisher;
import io.peerscope.agent.publish.PublishConfig;
import io.peerscope.agent.tcp.TcpLimits;
import io.peerscope.agent.tcp.TcpReassembler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The components of one agent built from its configuration, and their orderly shutdown: the
 * pipeline first flushes (at {@link Pipeline#end()}), then the logs close, then the publisher
 * waits for the broker's acknowledgements.
 */
final class AgentParts implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AgentParts.class);
  private static final String VERSION = versionOf();

  private final Pipeline pipeline;
  private final FindingSink findings;
  /** Closed last-in first-out: consumers before the producers they depend on. */
  private final Deque<AutoCloseable> closeables;
  private boolean closed;

  private AgentParts(Pipeline pipeline, FindingSink findings, Deque<AutoCloseable> closeables) {
    this.pipeline = pipeline;
    this.findings = findings;
    this.closeables = closeables;
  }

  Pipeline pipeline() {
    return pipeline;
  }

  /** Where detectors send findings: the findings log and the publisher, counted. */
  FindingSink findings() {
    return findings;
  }

  /** @param trackingThread whether tracking runs on a thread of its own ({@link PipelineThreads}) */
  static AgentParts build(AgentConfig config, Counters counters, boolean live, boolean trackingThread)
      throws IOException {
    Deque<AutoCloseable> closeables = new ArrayDeque<>();
    try {
      LimitsConfig limits = config.limits();
      PacketDecoder decoder = new PacketDecoder(counters, decodeLimits(limits));
      DnsTransactionTable dns = new DnsTransactionTable(counters, dnsLimits(limits));
      DnsUdpHandler dnsUdp = new DnsUdpHandler(dns);
      TcpReassembler tcp = new TcpReassembler(tcpLimits(limits), counters);
      tcp.register(Pipeline.DNS_PORT, new DnsTcpStreams(dns, dnsLimits(limits), counters));
      ServerKnowledge knowledge = knowledge(config, counters);
      dns.addListener(new RcodeCounters(counters));

      List<FindingSink> sinks = new ArrayList<>();
      Path logs = config.logsPath();
      if (logs != null) {
        createWritable(logs, "logs_dir");
        // live capture appends across restarts; a replay writes the log of that file alone
        DnsLogWriter dnsLog = DnsLogWriter.open(logs, live, counters);
        closeables.push(dnsLog);
        dns.addListener(dnsLog);
        FindingLog findingLog = FindingLog.open(logs, live, counters);
        closeables.push(findingLog);
        sinks.add(findingLog);
      }
      MqttPublisher publisher = null;
      if (config.broker().enabled()) {
        // only summaries carry the highlights: without a broker nobody reads them
        SummaryHighlights highlights = new SummaryHighlights(10_000, 10);
        dns.addListener(highlights);
        publisher = MqttPublisher.start(
            publishConfig(config, live), config.sensor(), VERSION, counters, highlights::takeWindow);
        // pushed first of all would close it last; the logs must close before it, so it goes under them
        closeables.addLast(publisher);
        sinks.add(publisher);
      }
      FindingSink findings = countingSink(new FindingFanout(sinks, counters), counters);

      List<SmtpListener> smtpListeners = new ArrayList<>();
      if (logs != null) {
        SmtpLogWriter smtpLog = SmtpLogWriter.open(logs, live, counters);
        closeables.push(smtpLog);
        smtpListeners.add(smtpLog);
      }
      SmtpFindingDetector smtpFindings = new SmtpFindingDetector(config.sensor(), knowledge, findings, counters);
      smtpListeners.add(smtpFindings);
      TlsCounters tlsCounters = new TlsCounters(counters);
      new SmtpSessionFactory(
              SmtpLimits.DEFAULTS,
              counters,
              SmtpListener.all(smtpListeners),
              knowledge,
              () -> TlsObserver.handshakeTracker(tlsCounters))
          .registerWith(tcp);

      Path trackState = config.persistState(live) ? config.statePath() : null;
      if (trackState != null) {
        createWritable(trackState, "state_dir");
      }
      DnsRelationships relationships =
          DnsRelationships.open(config.sensor(), config.track().toTrackConfig(), counters, findings, trackState);
      // saved after the pipeline's end flushed every transaction into it, before the logs close
      closeables.push(() -> saveState(relationships, counters));
      ClockListener tracking = relationships;
      if (trackingThread) {
        DnsTransactionHandoff<DnsRelationships> handoff = new DnsTransactionHandoff<>(relationships, counters);
        // closed before the state is saved: a pipeline that never reached its end stops it here
        closeables.push(handoff);
        dns.addListener(handoff);
        tracking = handoff;
      } else {
        dns.addListener(relationships);
      }

      Pipeline.Builder b =
          Pipeline.builder(decoder::decode, counters).dnsOverUdp(dnsUdp::onPacket).tcp(tcp::onSegment);
      // producers first: the reassembler's end closes streams whose DNS messages reach the table
      b.clock(decoder).clock(tcp).clock(dns).clock(tracking).clock(smtpFindings);
      // last: findings emitted at the end are in its spool before it closes its last window
      if (publisher != null) {
        b.clock(publisher);
      }
      return new AgentParts(b.build(), findings, closeables);
    } catch (IOException | RuntimeException e) {
      closeAll(closeables);
      throw e;
    }
  }

  /** The mail-server fingerprints and end-of-support data; unreadable files are a config error. */
  static ServerKnowledge knowledge(AgentConfig config, Counters counters) {
    Path dir = config.fingerprints().resolveDir(System.getenv());
    try {
      return new ServerKnowledge(
          Fingerprinter.load(Fingerprinter.ownFiles(dir), config.fingerprints().extraPaths(), counters),
          EolKnowledge.load(EolKnowledge.defaultFile(dir)));
    } catch (IOException e) {
      throw new ConfigException("fingerprints", e.getMessage(), e);
    }
  }

  private static void saveState(DnsRelationships relationships, Counters counters) {
    try {
      relationships.save();
    } catch (IOException e) {
      counters.counter("track.state_save_errors").inc();
      LOG.warn("tracking state not saved: {}", e.toString());
    }
  }

  static DecodeLimits decodeLimits(LimitsConfig limits) {
    DecodeLimits d = DecodeLimits.DEFAULTS;
    return new DecodeLimits(
        d.maxVlanTags(),
        d.maxIpv6ExtensionHeaders(),
        limits.fragments().maxDatagrams(),
        limits.fragments().maxBytes(),
        limits.fragments().timeoutSeconds() * 1_000_000L);
  }

  static DnsLimits dnsLimits(LimitsConfig limits) {
    return new DnsLimits(
        limits.dns().maxPending(),
        limits.dns().timeoutSeconds() * 1_000_000L,
        DnsLimits.DEFAULTS.maxAnswersPerMessage(),
        limits.dns().maxTcpMessageBytes());
  }

  static TcpLimits tcpLimits(LimitsConfig limits) {
    LimitsConfig.Tcp t = limits.tcp();
    return TcpLimits.DEFAULTS
        .withMaxConnections(t.maxConnections())
        .withMaxStreamDepth(t.maxBytesPerStream())
        .withBuffering(TcpLimits.DEFAULTS.maxQueuedSegments(), t.maxOutOfOrderBytes(), t.maxTotalBytes())
        .withIdleTimeoutMicros(t.idleTimeoutSeconds() * 1_000_000L);
  }

  static PublishConfig publishConfig(AgentConfig config, boolean live) {
    var b = config.broker();
    Path spool = config.statePath().resolve("spool");
    createWritable(spool, "state_dir");
    PublishConfig p = PublishConfig.defaults(b.url(), spool)
        .withSpoolMaxBytes(b.spoolMaxBytes())
        .withSummaries(
            b.summaryIntervalSeconds(),
            // a replay has capture time only; live traffic may pause, so the wall clock cuts windows
            live ? PublishConfig.SummaryClock.WALL : PublishConfig.SummaryClock.CAPTURE);
    PublishConfig d = PublishConfig.defaults(b.url(), spool);
    p = p.withTimeouts(
        Duration.ofSeconds(b.connectTimeoutSeconds()),
        Duration.ofSeconds(Math.max(1, b.closeTimeoutSeconds())),
        d.reconnectMin(),
        d.reconnectMax());
    p = new PublishConfig(
        p.brokerUrl(), p.username(), p.password(), p.clientId(), p.spoolDir(), p.spoolMaxBytes(),
        p.summaryIntervalSeconds(), p.summaryClock(), b.statusIntervalSeconds(), p.connectTimeout(),
        p.closeTimeout(), p.reconnectMin(), p.reconnectMax());
    if (b.clientId() != null) {
      p = p.withClientId(b.clientId());
    }
    if (b.username() != null) {
      p = p.withCredentials(b.username(), b.password(System.getenv()));
    }
    return p;
  }

  static LiveCaptureOptions liveOptions(CaptureConfig c) {
    return new LiveCaptureOptions(
        c.iface(), c.snaplen(), c.promiscuous(), (int) Math.min(Integer.MAX_VALUE, c.bufferBytes()),
        c.immediate(), c.timeoutMs(), c.filter());
  }

  /** Counts findings as they leave the detectors, for the final report. */
  private static FindingSink countingSink(FindingSink next, Counters counters) {
    Counter emitted = counters.counter("findings.emitted");
    return f -> {
      emitted.inc();
      next.emit(f);
    };
  }

  private static void createWritable(Path dir, String key) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new ConfigException(key, "cannot create " + dir + ": " + e.getMessage(), e);
    }
    if (!Files.isWritable(dir)) {
      throw new ConfigException(key, dir + " is not writable by this user");
    }
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      closeAll(closeables);
    }
  }

  private static void closeAll(Deque<AutoCloseable> closeables) {
    while (!closeables.isEmpty()) {
      AutoCloseable c = closeables.pop();
      try {
        c.close();
      } catch (Exception e) {
        LOG.warn("closing {} failed: {}", c.getClass().getSimpleName(), e.toString());
      }
    }
  }

  private static String versionOf() {
    String v = AgentParts.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0" : v;
  }
}
