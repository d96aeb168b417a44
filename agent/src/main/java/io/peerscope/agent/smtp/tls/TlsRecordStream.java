package io.peerscope.agent.smtp.tls;

/**
 * One direction of a TLS connection, fed in arbitrary slices: frames records (RFC 5246 section
 * 6.2.1, RFC 8446 section 5.1) and reassembles the handshake messages they carry, which may span
 * records as records may span segments. Only a header (5 bytes) and at most one handshake message
 * are ever buffered, and a message is bounded by {@link #MAX_MESSAGE}; a longer one is skipped
 * byte-exactly and counted, so the stream stays in step.
 *
 * <p>Garbage is expected: a first record that is not TLS stops the direction (counted as
 * not_tls), a later malformed header stops it too (malformed). Nothing throws.
 */
final class TlsRecordStream {
  /** Receives complete handshake messages and the events around them. */
  interface Listener {
    void onHandshake(int type, byte[] buf, int off, int len);

    /** An SSL 2.0 compatible CLIENT-HELLO body, from its version field on. */
    void onSslv2ClientHello(byte[] buf, int off, int len);
  }

  static final int CHANGE_CIPHER_SPEC = 20;
  static final int ALERT = 21;
  static final int HANDSHAKE = 22;
  static final int APPLICATION_DATA = 23;
  static final int HEARTBEAT = 24;

  /** A certificate chain beyond this is skipped; real chains are 2 to 10 KB. */
  static final int MAX_MESSAGE = 64 * 1024;

  /** RFC 5246 6.2.3: TLSCiphertext.length at most 2^14 + 2048. */
  static final int MAX_RECORD = 16384 + 2048;

  private static final int SSLV2 = -2;

  private final Listener listener;
  private final TlsCounters counters;
  private final byte[] header = new byte[5];
  private int headerFill;
  private int recordType;
  private int recordRemaining;
  private boolean sawRecord;
  private boolean encrypted;
  private boolean stopped;
  private String stopReason;

  private byte[] hs = new byte[0];
  private int hsLen;
  private long skip;

  TlsRecordStream(Listener listener, TlsCounters counters) {
    this.listener = listener;
    this.counters = counters;
  }

  boolean stopped() {
    return stopped;
  }

  String stopReason() {
    return stopReason;
  }

  /** Nothing more will be parsed in this direction (encrypted from here, or given up). */
  void stop(String reason) {
    if (!stopped) {
      stopped = true;
      stopReason = reason;
      hs = new byte[0];
      hsLen = 0;
    }
  }

  void feed(byte[] buf, int off, int len) {
    while (len > 0 && !stopped) {
      if (recordRemaining == 0) {
        int take = Math.min(5 - headerFill, len);
        System.arraycopy(buf, off, header, headerFill, take);
        headerFill += take;
        off += take;
        len -= take;
        if (headerFill == 5) {
          headerFill = 0;
          startRecord();
        }
      } else {
        int take = Math.min(recordRemaining, len);
        if (recordType == HANDSHAKE && !encrypted || recordType == SSLV2) {
          appendHandshake(buf, off, take);
        }
        off += take;
        len -= take;
        recordRemaining -= take;
        if (recordRemaining == 0) {
          endRecord();
        }
      }
    }
  }

  private void startRecord() {
    int type = header[0] & 0xff;
    if (!sawRecord && (type & 0x80) != 0 && header[2] == 1 && (header[3] & 0xff) <= 3) {
      // SSL 2.0 record header, two-byte form, carrying CLIENT-HELLO (RFC 5246 appendix E.2):
      // offered by old clients and scanners; its body is parsed for version and cipher count
      int length = ((type & 0x7f) << 8) | (header[1] & 0xff);
      if (length < 9) {
        give("SSLv2 hello too short", counters.malformed);
        return;
      }
      sawRecord = true;
      counters.records.inc();
      recordType = SSLV2;
      recordRemaining = length - 3;
      appendRaw(header, 3, 2);
      return;
    }
    int length = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
    boolean known = type >= CHANGE_CIPHER_SPEC && type <= HEARTBEAT;
    if (!known || header[1] != 3 || length > MAX_RECORD) {
      if (sawRecord) {
        give("malformed record header", counters.malformed);
      } else {
        give("not TLS", counters.notTls);
      }
      return;
    }
    sawRecord = true;
    counters.records.inc();
    recordType = type;
    recordRemaining = length;
    if (length == 0) {
      endRecord();
    }
  }

  private void endRecord() {
    if (recordType == CHANGE_CIPHER_SPEC) {
      // RFC 5246 7.1: every handshake record after ChangeCipherSpec is encrypted
      encrypted = true;
    } else if (recordType == SSLV2) {
      listener.onSslv2ClientHello(hs, 0, hsLen);
      hsLen = 0;
    }
  }

  private void give(String reason, io.peerscope.agent.metrics.Counter counter) {
    counter.inc();
    stop(reason);
  }

  private void appendRaw(byte[] b, int off, int len) {
    ensure(hsLen + len);
    System.arraycopy(b, off, hs, hsLen, len);
    hsLen += len;
  }

  private void appendHandshake(byte[] b, int off, int len) {
    if (recordType == SSLV2) {
      appendRaw(b, off, len);
      return;
    }
    while (len > 0 && !stopped) {
      if (skip > 0) {
        int s = (int) Math.min(skip, len);
        skip -= s;
        off += s;
        len -= s;
        continue;
      }
      ensure(Math.min(hsLen + len, MAX_MESSAGE + 4));
      int take = Math.min(len, hs.length - hsLen);
      System.arraycopy(b, off, hs, hsLen, take);
      hsLen += take;
      off += take;
      len -= take;
      drain();
    }
  }

  private void drain() {
    int p = 0;
    while (hsLen - p >= 4 && !stopped) {
      int type = hs[p] & 0xff;
      int mlen = ((hs[p + 1] & 0xff) << 16) | ((hs[p + 2] & 0xff) << 8) | (hs[p + 3] & 0xff);
      if (mlen > MAX_MESSAGE) {
        counters.oversized.inc();
        skip = 4L + mlen - (hsLen - p);
        p = hsLen;
        break;
      }
      if (hsLen - p < 4 + mlen) {
        break;
      }
      listener.onHandshake(type, hs, p + 4, mlen);
      p += 4 + mlen;
    }
    if (stopped) {
      return;
    }
    if (p > 0) {
      System.arraycopy(hs, p, hs, 0, hsLen - p);
      hsLen -= p;
    }
  }

  private void ensure(int need) {
    if (need <= hs.length) {
      return;
    }
    int n = Math.max(need, Math.min(Math.max(hs.length * 2, 2048), MAX_MESSAGE + 4));
    hs = java.util.Arrays.copyOf(hs, n);
  }
}
