package io.peerscope.app.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Contenders that are programs of their own: tshark extracting the DNS fields peerscope logs, and
 * tcpdump copying every packet to /dev/null (libpcap reading in C: the floor of any reader).
 * Their output goes to /dev/null so that only reading and dissecting is timed.
 */
final class ExternalReader {
  private static final long TIMEOUT_MINUTES = 30;
  static final int TCPDUMP_READS = 3;

  private ExternalReader() {}

  static RunResult tshark(Path file, long packets) {
    return run(
        "tshark",
        packets,
        List.of(
            "tshark", "-n", "-r", file.toString(), "-T", "fields",
            "-e", "frame.time_epoch", "-e", "ip.src", "-e", "ip.dst", "-e", "udp.srcport",
            "-e", "udp.dstport", "-e", "dns.id", "-e", "dns.qry.name", "-e", "dns.qry.type",
            "-e", "dns.flags.rcode", "-e", "dns.a", "-e", "dns.aaaa", "-e", "dns.resp.ttl"),
        "tshark -T fields with the DNS fields of dns.jsonl");
  }

  /**
   * Median of {@link #TCPDUMP_READS} runs, as the JVM contenders are measured: a run takes a
   * fraction of a second, so one slowed by other work on the machine would move every ratio to it.
   */
  static RunResult tcpdump(Path file, long packets) {
    List<RunResult> runs = new ArrayList<>();
    for (int i = 0; i < TCPDUMP_READS; i++) {
      RunResult r = run(
          "tcpdump",
          packets,
          List.of("tcpdump", "-n", "-r", file.toString(), "-w", "/dev/null"),
          "tcpdump -r FILE -w /dev/null (libpcap in C)");
      if (!r.available()) {
        return r;
      }
      runs.add(r);
    }
    RunResult median = RunResult.median(runs);
    return median.withNote(median.note() + "; median of " + runs.size() + " runs (" + RunResult.speeds(runs) + " packets/s)");
  }

  static boolean installed(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return Files.isExecutable(Path.of("/usr/sbin", program));
  }

  private static RunResult run(String name, long packets, List<String> command, String note) {
    if (!installed(command.get(0))) {
      return RunResult.unavailable(name, command.get(0) + " is not installed");
    }
    try {
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD);
      long t0 = System.nanoTime();
      Process p = pb.start();
      if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        return RunResult.unavailable(name, "timed out after " + TIMEOUT_MINUTES + " minutes");
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      if (p.exitValue() != 0) {
        return RunResult.unavailable(name, command.get(0) + " exited " + p.exitValue());
      }
      return new RunResult(name, packets, seconds, null, null, null, note);
    } catch (Exception e) {
      return RunResult.unavailable(name, e.toString());
    }
  }
}
