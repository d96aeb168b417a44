package io.peerscope.agent.synth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;

/**
 * DNS messages as wire bytes, built with dnsjava, for captures made by tests, the demo and the
 * benchmark workloads. Not a hot path.
 */
public final class DnsWire {
  private DnsWire() {}

  /** A recursive query (RD set) for name and type (a dnsjava {@code Type} value), class IN. */
  public static byte[] query(int id, String name, int type) {
    Message m = new Message(id);
    m.getHeader().setFlag(Flags.RD);
    m.addRecord(Record.newRecord(name(name), type, DClass.IN), Section.QUESTION);
    return m.toWire();
  }

  /**
   * A response from a recursive resolver (QR, RD, RA set) with the question repeated and the
   * given answers; rcode is a dnsjava {@code Rcode} value.
   */
  public static byte[] response(int id, String name, int type, int rcode, Record... answers) {
    Message m = new Message(id);
    m.getHeader().setFlag(Flags.QR);
    m.getHeader().setFlag(Flags.RD);
    m.getHeader().setFlag(Flags.RA);
    m.getHeader().setRcode(rcode);
    m.addRecord(Record.newRecord(name(name), type, DClass.IN), Section.QUESTION);
    for (Record r : answers) {
      m.addRecord(r, Section.ANSWER);
    }
    return m.toWire();
  }

  public static Record a(String name, long ttl, String address) {
    return new ARecord(name(name), DClass.IN, ttl, literal(address));
  }

  public static Record aaaa(String name, long ttl, String address) {
    return new AAAARecord(name(name), DClass.IN, ttl, literal(address));
  }

  public static Record cname(String name, long ttl, String target) {
    return new CNAMERecord(name(name), DClass.IN, ttl, name(target));
  }

  public static Record mx(String name, long ttl, int preference, String exchange) {
    return new MXRecord(name(name), DClass.IN, ttl, preference, name(exchange));
  }

  public static Record txt(String name, long ttl, String text) {
    return new TXTRecord(name(name), DClass.IN, ttl, text);
  }

  /** Messages as DNS over TCP carries them: each behind a two-byte length (RFC 1035 4.2.2). */
  public static byte[] tcpFramed(byte[]... messages) {
    int total = 0;
    for (byte[] m : messages) {
      total += 2 + m.length;
    }
    byte[] out = new byte[total];
    int off = 0;
    for (byte[] m : messages) {
      out[off] = (byte) (m.length >>> 8);
      out[off + 1] = (byte) m.length;
      System.arraycopy(m, 0, out, off + 2, m.length);
      off += 2 + m.length;
    }
    return out;
  }

  /** A name relative to the root, with or without its trailing dot. */
  public static Name name(String text) {
    try {
      return Name.fromString(text.endsWith(".") ? text : text + ".");
    } catch (TextParseException e) {
      throw new IllegalArgumentException("not a DNS name: " + text, e);
    }
  }

  private static InetAddress literal(String address) {
    try {
      return InetAddress.getByName(address); // a literal: no lookup happens
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
