package io.peerscope.app.bench;

import java.time.Duration;
import java.util.List;

/**
 * Two network namespaces joined by a veth pair, made for one live run and always deleted: the
 * sending end {@value #TX_IF} in one, the capturing end {@value #RX_IF} in the other, both up, no
 * addresses (tcpreplay writes whole frames) and IPv6 off so that no router solicitation or
 * neighbour discovery adds frames of its own.
 */
final class VethLink implements AutoCloseable {
  static final String TX_IF = "psqb-tx";
  static final String RX_IF = "psqb-rx";
  private static final Duration IP = Duration.ofSeconds(10);
  private static int sequence;

  private final String tx;
  private final String rx;

  private VethLink(String tx, String rx) {
    this.tx = tx;
    this.rx = rx;
  }

  static synchronized VethLink create() {
    int n = ++sequence;
    long pid = ProcessHandle.current().pid();
    String tx = "psqb-tx-" + pid + "-" + n;
    String rx = "psqb-rx-" + pid + "-" + n;
    Commands.run(IP, "ip", "netns", "add", tx).requireSuccess("ip netns add " + tx);
    VethLink link = new VethLink(tx, rx);
    try {
      Commands.run(IP, "ip", "netns", "add", rx).requireSuccess("ip netns add " + rx);
      Commands.run(IP, "ip", "-n", tx, "link", "add", TX_IF, "type", "veth", "peer", "name", RX_IF, "netns", rx)
          .requireSuccess("veth pair");
      for (String[] end : new String[][] {{tx, TX_IF}, {rx, RX_IF}}) {
        Commands.run(IP, "ip", "netns", "exec", end[0], "sysctl", "-q", "-w", "net.ipv6.conf." + end[1] + ".disable_ipv6=1");
        Commands.run(IP, "ip", "-n", end[0], "link", "set", end[1], "up").requireSuccess("link up " + end[1]);
      }
      return link;
    } catch (RuntimeException e) {
      link.close();
      throw e;
    }
  }

  /** The prefix that runs a program in the sending namespace. */
  List<String> inSender() {
    return List.of("ip", "netns", "exec", tx);
  }

  /** The prefix that runs a program in the capturing namespace. */
  List<String> inReceiver() {
    return List.of("ip", "netns", "exec", rx);
  }

  /** Kills whatever still runs inside and deletes both namespaces (the veth pair goes with them). */
  @Override
  public void close() {
    for (String ns : List.of(tx, rx)) {
      Commands.Result pids = Commands.run(IP, "ip", "netns", "pids", ns);
      for (String pid : pids.output().split("\\s+")) {
        if (pids.exitCode() == 0 && pid.matches("\\d+")) {
          Commands.run(IP, "kill", "-9", pid);
        }
      }
      Commands.run(IP, "ip", "netns", "del", ns);
    }
  }
}
