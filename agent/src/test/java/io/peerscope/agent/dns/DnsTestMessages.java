package io.peerscope.agent.dns;

import java.net.InetAddress;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Builds test messages with dnsjava (tests only: the hot path never builds messages). */
final class DnsTestMessages {
  private DnsTestMessages() {}

  static Name name(String s) {
    try {
      return Name.fromString(s.endsWith(".") ? s : s + ".");
    } catch (Exception e) {
      throw new IllegalArgumentException(s, e);
    }
  }

  static byte[] query(int id, String qname, int qtype) {
    Message m = new Message(id);
    m.getHeader().setFlag(Flags.RD);
    m.addRecord(Record.newRecord(name(qname), qtype, DClass.IN), Section.QUESTION);
    return m.toWire();
  }

  static Message response(int id, String qname, int qtype, Record... answers) {
    Message m = new Message(id);
    m.getHeader().setFlag(Flags.QR);
    m.getHeader().setFlag(Flags.RD);
    m.getHeader().setFlag(Flags.RA);
    m.addRecord(Record.newRecord(name(qname), qtype, DClass.IN), Section.QUESTION);
    for (Record r : answers) {
      m.addRecord(r, Section.ANSWER);
    }
    return m;
  }

  static byte[] aResponse(int id, String qname, String address) {
    try {
      return response(id, qname, Type.A, new ARecord(name(qname), DClass.IN, 300, InetAddress.getByName(address)))
          .toWire();
    } catch (Exception e) {
      throw new IllegalArgumentException(address, e);
    }
  }

  static Record aaaa(String owner, String address, long ttl) {
    try {
      return new AAAARecord(name(owner), DClass.IN, ttl, InetAddress.getByName(address));
    } catch (Exception e) {
      throw new IllegalArgumentException(address, e);
    }
  }
}
