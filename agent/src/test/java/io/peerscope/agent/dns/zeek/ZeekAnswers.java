package io.peerscope.agent.dns.zeek;

import io.peerscope.agent.decode.IpAddress;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xbill.DNS.Type;

/**
 * Brings an answer as Zeek logs it and an answer as dns.jsonl logs it to one comparable form, so
 * that the value is compared and not the decoration. Zeek (scripts/base/protocols/dns/main.zeek)
 * logs some types as plain values and summarises others; each rule below says which.
 *
 * <ul>
 *   <li>A, AAAA: an address both ways; compared as parsed addresses (one spelling of IPv6).
 *   <li>CNAME, NS, PTR, DNAME, MX: the target name both ways; compared without a trailing dot and
 *       case-insensitively (DNS names compare so, RFC 4343). For SOA Zeek logs only the primary
 *       server (mname), for SRV only the target, so only those are taken from dnsjava's text.
 *   <li>TXT, SPF: Zeek writes each string as {@code TXT <length> <string>} joined by spaces; the
 *       project joins the strings without separator. The strings are recovered by their lengths
 *       and joined, then compared.
 *   <li>RRSIG: Zeek writes {@code RRSIG <type covered as a number> <signer>}; dnsjava's text has
 *       the covered type as a mnemonic first and the signer eighth. Both become the pair.
 *   <li>DNSKEY: Zeek writes only the algorithm number ({@code DNSKEY 5}); dnsjava's third field.
 *   <li>DS: Zeek writes algorithm and digest type; dnsjava's second and third fields.
 *   <li>SSHFP: Zeek writes {@code SSHFP: <fingerprint hex>}; dnsjava's third field, hex compared
 *       case-insensitively.
 *   <li>LOC: Zeek writes size, horizontal and vertical precision as the raw RFC 1876 bytes
 *       (mantissa in the high nibble, power of ten in the low, in centimetres); dnsjava writes
 *       them in metres as the last three fields. Both become centimetres.
 *   <li>NSEC: Zeek writes {@code NSEC <owner> <next>}; dnsjava's first field is the next name.
 *   <li>NSEC3, NSEC3PARAM: Zeek writes only the type name, so only the type is compared.
 *   <li>NAPTR: both are the fields in order; compared as whitespace-separated tokens without
 *       quotes, empty strings and trailing dots, case-insensitively.
 *   <li>Types Zeek does not decode appear as {@code <unknown type=N>}: only the type is compared.
 * </ul>
 */
final class ZeekAnswers {
  private static final Pattern RRSIG = Pattern.compile("RRSIG (\\d+) (.*)");
  private static final Pattern DNSKEY = Pattern.compile("DNSKEY (\\d+)");
  private static final Pattern DS = Pattern.compile("DS (\\d+) (\\d+)");
  private static final Pattern SSHFP = Pattern.compile("SSHFP: ([0-9a-fA-F]*)");
  private static final Pattern LOC = Pattern.compile("LOC: +(\\d+) (\\d+) (\\d+)");
  private static final Pattern NSEC = Pattern.compile("NSEC (\\S*) (\\S*)");
  private static final Pattern UNKNOWN = Pattern.compile("<unknown type=(\\d+)>");

  private ZeekAnswers() {}

  /** The comparable form of one answer as Zeek logged it. */
  static String fromZeek(String z) {
    Matcher m;
    if (z.startsWith("TXT ") || z.startsWith("SPF ")) {
      String joined = joinCounted(z, z.substring(0, 4));
      if (joined != null) {
        return z.substring(0, 3) + ":" + joined;
      }
    }
    if ((m = RRSIG.matcher(z)).matches()) {
      String signer = m.group(2).equals("<Root>") ? "" : m.group(2);
      return "RRSIG:" + Type.string(Integer.parseInt(m.group(1))) + " " + name(signer);
    }
    if ((m = DNSKEY.matcher(z)).matches()) {
      return "DNSKEY:" + m.group(1);
    }
    if ((m = DS.matcher(z)).matches()) {
      return "DS:" + m.group(1) + " " + m.group(2);
    }
    if ((m = SSHFP.matcher(z)).matches()) {
      return "SSHFP:" + m.group(1).toLowerCase(Locale.ROOT);
    }
    if ((m = LOC.matcher(z)).matches()) {
      return "LOC:" + rfc1876Centimetres(m.group(1)) + " " + rfc1876Centimetres(m.group(2)) + " "
          + rfc1876Centimetres(m.group(3));
    }
    if (z.equals("NSEC3") || z.equals("NSEC3PARAM")) {
      return z;
    }
    if ((m = NSEC.matcher(z)).matches()) {
      return "NSEC:" + name(m.group(2));
    }
    if (z.startsWith("NAPTR ")) {
      return "NAPTR:" + tokens(z.substring(6));
    }
    if ((m = UNKNOWN.matcher(z)).matches()) {
      return "UNKNOWN:" + m.group(1);
    }
    String ip = address(z);
    return ip != null ? ip : name(z);
  }

  /** The comparable form of one answer as dns.jsonl logs it, given its record type. */
  static String fromProject(int type, String v) {
    String[] f = v.trim().split("\\s+");
    switch (type) {
      case Type.A, Type.AAAA -> {
        String ip = address(v);
        return ip != null ? ip : v;
      }
      case Type.CNAME, Type.NS, Type.PTR, Type.DNAME, Type.MX -> {
        return name(v);
      }
      case Type.SOA -> {
        return name(f[0]);
      }
      case Type.SRV -> {
        return name(f[f.length - 1]);
      }
      case Type.TXT -> {
        return "TXT:" + v;
      }
      case Type.SPF -> {
        return "SPF:" + v;
      }
      case Type.RRSIG -> {
        return f.length >= 8 ? "RRSIG:" + f[0] + " " + name(f[7]) : "RRSIG?" + v;
      }
      case Type.DNSKEY -> {
        return f.length >= 3 ? "DNSKEY:" + f[2] : "DNSKEY?" + v;
      }
      case Type.DS -> {
        return f.length >= 3 ? "DS:" + f[1] + " " + f[2] : "DS?" + v;
      }
      case Type.SSHFP -> {
        return f.length >= 3 ? "SSHFP:" + f[2].toLowerCase(Locale.ROOT) : "SSHFP?" + v;
      }
      case Type.LOC -> {
        if (f.length < 3) {
          return "LOC?" + v;
        }
        return "LOC:" + metresToCentimetres(f[f.length - 3]) + " " + metresToCentimetres(f[f.length - 2]) + " "
            + metresToCentimetres(f[f.length - 1]);
      }
      case Type.NSEC -> {
        return "NSEC:" + name(f[0]);
      }
      case Type.NSEC3, Type.NSEC3PARAM -> {
        return Type.string(type);
      }
      case Type.NAPTR -> {
        return "NAPTR:" + tokens(v);
      }
      default -> {
        return "UNKNOWN:" + type;
      }
    }
  }

  /** Strings written as {@code TXT <n> <string>} separated by spaces, recovered by length. */
  private static String joinCounted(String z, String prefix) {
    StringBuilder out = new StringBuilder();
    int p = 0;
    while (p < z.length()) {
      if (!z.startsWith(prefix, p)) {
        return null;
      }
      p += prefix.length();
      int space = z.indexOf(' ', p);
      if (space < 0) {
        return null;
      }
      int n;
      try {
        n = Integer.parseInt(z.substring(p, space));
      } catch (NumberFormatException e) {
        return null;
      }
      int start = space + 1;
      if (start + n > z.length()) {
        return null;
      }
      out.append(z, start, start + n);
      p = start + n;
      if (p < z.length()) {
        if (z.charAt(p) != ' ') {
          return null;
        }
        p++;
      }
    }
    return out.toString();
  }

  private static String address(String s) {
    if (!s.matches("[0-9a-fA-F:.]+") || !(s.contains(".") || s.contains(":"))) {
      return null;
    }
    try {
      return "IP:" + IpAddress.parse(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static String name(String s) {
    String n = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    return n.toLowerCase(Locale.ROOT);
  }

  private static String tokens(String s) {
    List<String> out = new ArrayList<>();
    for (String t : s.replace("\"", " ").trim().split("\\s+")) {
      if (!t.isEmpty()) {
        out.add(name(t));
      }
    }
    return String.join(" ", out);
  }

  /** RFC 1876 section 2: high nibble mantissa, low nibble power of ten, centimetres. */
  private static long rfc1876Centimetres(String byteValue) {
    int b = Integer.parseInt(byteValue);
    return (b >> 4) * BigDecimal.TEN.pow(b & 0xf).longValueExact();
  }

  private static long metresToCentimetres(String metres) {
    String m = metres.endsWith("m") ? metres.substring(0, metres.length() - 1) : metres;
    return new BigDecimal(m).movePointRight(2).longValueExact();
  }

  static List<String> sorted(List<String> values) {
    String[] a = values.toArray(new String[0]);
    Arrays.sort(a);
    return List.of(a);
  }
}
