package io.peerscope.app.bench;

import io.peerscope.app.UsageProblem;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The live drop test: the {@code dns} workload replayed by tcpreplay at a fixed rate onto a veth
 * between two fresh network namespaces while the agent captures live on the far end (in a JVM of
 * its own, inside that namespace). Packets sent (tcpreplay's count) against packets seen (handed
 * to the pipeline) and dropped (libpcap's ps_drop and ps_ifdrop). The same is run with an empty
 * listener, which tells a loss of the capture path from a loss of processing.
 */
public final class LiveDropBench {
  public static final int DEFAULT_RATE = 200_000;
  private static final Duration READY_WAIT = Duration.ofSeconds(60);
  private static final String ROW = "%-8s %12s %10s %12s %10s %10s %12s %10s %10s %12s%n";

  private final Path dir;
  private final long packets;
  private final int rate;
  private final PrintStream out;
  private final PrintStream progress;

  public LiveDropBench(Path dir, long packets, int rate, PrintStream out, PrintStream progress) {
    this.dir = dir;
    this.packets = packets;
    this.rate = rate;
    this.out = out;
    this.progress = progress;
  }

  /** Root, iproute2 and tcpreplay, or a {@link UsageProblem} naming what is missing. */
  public static void requirePrerequisites() {
    if (!"root".equals(System.getProperty("user.name"))) {
      throw new UsageProblem("--live needs root: it creates network namespaces and a veth pair");
    }
    if (!Commands.installed("ip")) {
      throw new UsageProblem("--live needs ip: install the Debian package iproute2");
    }
    if (!Commands.installed("tcpreplay")) {
      throw new UsageProblem("--live needs tcpreplay: install the Debian package tcpreplay");
    }
  }

  /** Agent and empty listener at the rate, then both with tcpreplay as fast as it can send. */
  public Map<String, Object> run() throws IOException {
    Path file = Workloads.ensure(dir, "dns", packets, progress);
    List<LiveResult> results = new ArrayList<>();
    for (int pps : new int[] {rate, 0}) {
      for (String listener : new String[] {LiveCaptureRun.AGENT, LiveCaptureRun.EMPTY}) {
        progress.printf(Locale.ROOT, "bench live: %s listener, %s ...%n", listener, pps == 0 ? "top speed" : pps + " packets/s");
        results.add(measure(file, pps, listener));
      }
    }
    print(out, packets, results);
    List<Map<String, Object>> json = new ArrayList<>();
    for (LiveResult r : results) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("listener", r.listener());
      m.put("offered_pps", r.offeredPps());
      m.put("sent", r.sent());
      m.put("sent_pps", r.sentPps());
      m.put("seen", r.seen());
      m.put("received", r.received());
      m.put("dropped_by_kernel", r.droppedByKernel());
      m.put("dropped_by_interface", r.droppedByInterface());
      m.put("missing", r.missing());
      m.put("dns_transactions", r.dnsTransactions());
      json.add(m);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("live", json);
    return root;
  }

  static void print(PrintStream out, long packets, List<LiveResult> results) {
    out.printf(Locale.ROOT, "%nlive capture on a veth: dns workload, %,d packets per run%n", packets);
    out.printf(Locale.ROOT, ROW, "listener", "offered pps", "sent", "sent pps", "seen", "received", "dropped kern",
        "dropped if", "missing", "DNS trans");
    for (LiveResult r : results) {
      out.printf(Locale.ROOT, ROW, r.listener(), r.offeredPps() == 0 ? "top" : Long.toString(r.offeredPps()),
          r.sent(), String.format(Locale.ROOT, "%.0f", r.sentPps()), r.seen(), r.received(), r.droppedByKernel(),
          r.droppedByInterface(), r.missing(), r.dnsTransactions());
    }
    out.flush();
  }

  /**
   * One run in namespaces of its own: start the capturing JVM, wait until its capture is open,
   * replay the file at {@code pps} (0: top speed), let the capture drain, stop it, read its
   * counters. The namespaces are deleted whatever happens.
   */
  public static LiveResult measure(Path file, int pps, String listener) throws IOException {
    Path work = Files.createTempDirectory("bench-live");
    Path workerOut = work.resolve("worker.out");
    Process worker = null;
    // no frame of a workload is shorter than 60 bytes with its 16-byte record header
    long frames = Files.size(file) / 60;
    long expectSeconds = pps == 0 ? frames / 100_000 : frames / pps;
    try (VethLink link = VethLink.create()) {
      List<String> cmd = new ArrayList<>(link.inReceiver());
      cmd.addAll(WorkerJvm.javaCommand(BenchWorker.class));
      long limitSeconds = 90 + 3 * expectSeconds;
      cmd.addAll(List.of(BenchWorker.LIVE, VethLink.RX_IF, listener, Long.toString(limitSeconds),
          work.resolve("state").toString()));
      worker = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(workerOut.toFile()).start();
      awaitLine(workerOut, LiveCaptureRun.READY, worker, READY_WAIT);

      List<String> replay = new ArrayList<>(link.inSender());
      // preloaded: read from the file while sending, tcpreplay tops out near 170 k packets/s here
      // and a fixed-rate run measured its own disk more than the capture
      replay.addAll(List.of("tcpreplay", "--preload-pcap", "-i", VethLink.TX_IF,
          pps == 0 ? "--topspeed" : "--pps=" + pps, file.toString()));
      TcpreplayReport sent = TcpreplayReport.parse(
          Commands.run(Duration.ofSeconds(30 + 3 * expectSeconds), replay).requireSuccess("tcpreplay").output());

      // immediate mode delivers within milliseconds; a second is ample for the last frames
      sleep(1_000);
      try (OutputStream stdin = worker.getOutputStream()) {
        stdin.write('\n');
      } catch (IOException e) {
        // it exited already: its output says why
      }
      if (!worker.waitFor(60, TimeUnit.SECONDS)) {
        throw new IOException("the capturing JVM did not stop within 60 s");
      }
      Map<String, Long> c = readCounters(workerOut);
      return new LiveResult(
          listener,
          pps,
          sent.sent(),
          sent.seconds(),
          c.get("capture.frames"),
          c.get("capture.received"),
          c.get("capture.dropped_by_kernel"),
          c.get("capture.dropped_by_interface"),
          c.get("dns.transactions"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      if (worker != null && worker.isAlive()) {
        worker.destroyForcibly();
      }
      deleteTree(work);
    }
  }

  private static void awaitLine(Path log, String line, Process p, Duration timeout)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(line)) {
        return;
      }
      if (!p.isAlive()) {
        throw new IOException("the capturing JVM exited " + p.exitValue() + ": " + Files.readString(log));
      }
      Thread.sleep(50);
    }
    throw new IOException("the capturing JVM did not open its capture within " + timeout.toSeconds() + " s");
  }

  private static Map<String, Long> readCounters(Path log) throws IOException {
    for (String l : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      if (l.startsWith(LiveCaptureRun.RESULT_PREFIX)) {
        Map<String, Long> m = new LinkedHashMap<>();
        BenchWorker.JSON.readTree(l.substring(LiveCaptureRun.RESULT_PREFIX.length()))
            .fields()
            .forEachRemaining(e -> m.put(e.getKey(), e.getValue().asLong()));
        return m;
      }
    }
    throw new IOException("the capturing JVM printed no counters: " + Files.readString(log));
  }

  private static void sleep(long millis) throws InterruptedException {
    Thread.sleep(millis);
  }

  private static void deleteTree(Path root) {
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp directory left behind is harmless
    }
  }
}
