package io.peerscope.app.demo;

import io.peerscope.agent.decode.IpAddress;
import io.peerscope.agent.synth.DnsWire;
import io.peerscope.agent.synth.FrameBuilder;
import io.peerscope.agent.synth.TcpConversation;
import java.util.Random;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Two hours of one office morning on a small network, seeded so every run is the same, with
 * documentation addresses (RFC 5737, RFC 3849) and invented names: four clients ask one resolver
 * over IPv4 and IPv6 for web, mail and intranet names; some names do not exist, one resolver
 * answer fails, one query is never answered, a device polls an update server every five minutes
 * and one large answer comes over TCP.
 */
final class OfficeMorning {
  static final IpAddress RESOLVER = IpAddress.parse("192.0.2.53");
  static final IpAddress RESOLVER6 = IpAddress.parse("2001:db8:10::53");
  static final IpAddress[] CLIENTS = {
    IpAddress.parse("192.0.2.10"), IpAddress.parse("192.0.2.11"), IpAddress.parse("192.0.2.12"),
  };
  static final IpAddress CLIENT6 = IpAddress.parse("2001:db8:10::10");
  static final IpAddress POLLER = IpAddress.parse("192.0.2.13");

  private final FrameQueue events;
  private final Random random = new Random(20260504L);
  private int nextId = 0x1000;
  private int nextPort = 40_000;

  OfficeMorning(FrameQueue events) {
    this.events = events;
  }

  /** Adds the morning's frames, starting at startMicros. */
  void play(long startMicros) {
    long hour = 3_600_000_000L;
    for (int i = 0; i < 120; i++) {
      long t = startMicros + (long) (random.nextDouble() * 2 * hour);
      IpAddress client = CLIENTS[random.nextInt(CLIENTS.length)];
      browse(client, RESOLVER, t);
    }
    for (int i = 0; i < 30; i++) {
      long t = startMicros + (long) (random.nextDouble() * 2 * hour);
      browse(CLIENT6, RESOLVER6, t);
    }
    // a device that asks for its update server every five minutes, to the second
    for (long t = startMicros + 60_000_000L; t < startMicros + 2 * hour; t += 300_000_000L) {
      answered(POLLER, RESOLVER, t, "updates.vendor.example", Type.A, Rcode.NOERROR,
          DnsWire.a("updates.vendor.example", 60, "192.0.2.180"));
    }
    // proxy auto-discovery asks for a name that does not exist on most networks
    for (IpAddress c : CLIENTS) {
      answered(c, RESOLVER, startMicros + 5_000_000L, "wpad.corp.example", Type.A, Rcode.NXDOMAIN);
    }
    answered(CLIENTS[0], RESOLVER, startMicros + 900_000_000L, "exmaple.com", Type.A, Rcode.NXDOMAIN);
    answered(CLIENTS[1], RESOLVER, startMicros + 1_800_000_000L, "broken.example.net", Type.A, Rcode.SERVFAIL);
    unanswered(CLIENTS[2], RESOLVER, startMicros + 2_400_000_000L, "lost.example.net", Type.A);
    largeTxtOverTcp(CLIENTS[2], startMicros + 3_000_000_000L);
  }

  private void browse(IpAddress client, IpAddress resolver, long t) {
    switch (random.nextInt(6)) {
      case 0 -> answered(client, resolver, t, "www.example.com", Type.A, Rcode.NOERROR,
          DnsWire.cname("www.example.com", 300, "www.example.com.cdn.example.net"),
          DnsWire.a("www.example.com.cdn.example.net", 20, "192.0.2.201"),
          DnsWire.a("www.example.com.cdn.example.net", 20, "192.0.2.202"));
      case 1 -> answered(client, resolver, t, "www.example.com", Type.AAAA, Rcode.NOERROR,
          DnsWire.cname("www.example.com", 300, "www.example.com.cdn.example.net"),
          DnsWire.aaaa("www.example.com.cdn.example.net", 20, "2001:db8:cd::10"));
      case 2 -> answered(client, resolver, t, "example.org", Type.MX, Rcode.NOERROR,
          DnsWire.mx("example.org", 3600, 10, "mx1.example.org"));
      case 3 -> answered(client, resolver, t, "mx1.example.org", Type.A, Rcode.NOERROR,
          DnsWire.a("mx1.example.org", 3600, DemoMail.SERVER.toString()));
      case 4 -> answered(client, resolver, t, "example.org", Type.TXT, Rcode.NOERROR,
          DnsWire.txt("example.org", 3600, "v=spf1 mx -all"));
      default -> answered(client, resolver, t, "intranet.corp.example", Type.AAAA, Rcode.NOERROR,
          DnsWire.aaaa("intranet.corp.example", 600, "2001:db8:10::1"));
    }
  }

  private void answered(
      IpAddress client, IpAddress resolver, long t, String name, int type, int rcode, Record... answers) {
    int id = nextId++ & 0xffff;
    int port = port();
    add(t, FrameBuilder.udp(client, port, resolver, 53, DnsWire.query(id, name, type)));
    // a resolver answers from cache in well under a millisecond, or recurses for tens of them
    long rtt = random.nextInt(4) == 0 ? 15_000 + random.nextInt(60_000) : 200 + random.nextInt(800);
    add(t + rtt, FrameBuilder.udp(resolver, 53, client, port, DnsWire.response(id, name, type, rcode, answers)));
  }

  private void unanswered(IpAddress client, IpAddress resolver, long t, String name, int type) {
    add(t, FrameBuilder.udp(client, port(), resolver, 53, DnsWire.query(nextId++ & 0xffff, name, type)));
  }

  /** An answer too large for a 512-byte UDP message is asked again over TCP (RFC 7766 section 5). */
  private void largeTxtOverTcp(IpAddress client, long t) {
    String name = "keys.example.org";
    Record[] records = new Record[6];
    for (int i = 0; i < records.length; i++) {
      // six 100-byte strings: with headers well over the 512 bytes of plain UDP DNS
      String key = Integer.toHexString(0x5eed00 + i).repeat(16);
      records[i] = DnsWire.txt(name, 300, "key" + i + "=" + key.substring(0, 95));
    }
    int id = nextId++ & 0xffff;
    TcpConversation tcp = new TcpConversation(client, port(), RESOLVER, 53, t);
    tcp.open()
        .clientSends(DnsWire.tcpFramed(DnsWire.query(id, name, Type.TXT)))
        .serverSends(DnsWire.tcpFramed(DnsWire.response(id, name, Type.TXT, Rcode.NOERROR, records)))
        .close();
    for (TcpConversation.Segment s : tcp.segments()) {
      add(s.tsMicros(), s.frame());
    }
  }

  private int port() {
    nextPort = nextPort >= 60_000 ? 40_000 : nextPort + 1 + random.nextInt(7);
    return nextPort;
  }

  private void add(long ts, byte[] frame) {
    events.add(ts, frame);
  }
}
