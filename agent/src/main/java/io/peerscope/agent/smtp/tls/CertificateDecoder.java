package io.peerscope.agent.smtp.tls;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.security.auth.x500.X500Principal;

/**
 * The Certificate handshake message of TLS 1.2 and older (RFC 5246 section 7.4.2): a 24-bit list
 * length, then 24-bit length-prefixed DER certificates, the server's own first. Only the first is
 * decoded, by the JDK's X.509 parser, and only when it is of a sane size.
 */
final class CertificateDecoder {
  /** Server certificates are 1 to 4 KB; 32 KB leaves room for odd ones and bounds the parser. */
  static final int MAX_CERT = 32 * 1024;

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private CertificateDecoder() {}

  /** Null when the message is malformed or the certificate does not parse. */
  static TlsCertificate decode(byte[] b, int off, int len) {
    if (len < 3) {
      return null;
    }
    int listLen = u24(b, off);
    if (listLen > len - 3 || listLen < 3) {
      return null;
    }
    int p = off + 3;
    int end = p + listLen;
    int first = -1;
    int firstLen = 0;
    int chain = 0;
    while (end - p >= 3) {
      int clen = u24(b, p);
      p += 3;
      if (clen > end - p) {
        return null;
      }
      if (first < 0) {
        first = p;
        firstLen = clen;
      }
      chain++;
      p += clen;
    }
    if (first < 0 || firstLen == 0 || firstLen > MAX_CERT) {
      return null;
    }
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      X509Certificate cert =
          (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(b, first, firstLen));
      X500Principal subject = cert.getSubjectX500Principal();
      X500Principal issuer = cert.getIssuerX500Principal();
      return new TlsCertificate(
          subject.getName(X500Principal.RFC2253),
          issuer.getName(X500Principal.RFC2253),
          cert.getNotBefore().toInstant(),
          cert.getNotAfter().toInstant(),
          subject.equals(issuer) && signedByItself(cert),
          sha256(b, first, firstLen),
          chain);
    } catch (GeneralSecurityException | RuntimeException e) {
      // hostile or broken DER: the JDK parser reports it in several ways, all of them "unparsable"
      return null;
    }
  }

  private static boolean signedByItself(X509Certificate cert) {
    try {
      cert.verify(cert.getPublicKey());
      return true;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  private static String sha256(byte[] b, int off, int len) throws GeneralSecurityException {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    md.update(b, off, len);
    byte[] d = md.digest();
    char[] out = new char[d.length * 2];
    for (int i = 0; i < d.length; i++) {
      out[2 * i] = HEX[(d[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[d[i] & 0xf];
    }
    return new String(out);
  }

  private static int u24(byte[] b, int p) {
    return ((b[p] & 0xff) << 16) | ((b[p + 1] & 0xff) << 8) | (b[p + 2] & 0xff);
  }
}
