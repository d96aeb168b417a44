package io.peerscope.agent.smtp;

import io.peerscope.agent.tcp.StreamListener;
import io.peerscope.agent.tcp.TcpConnection;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * One SMTP connection: reads the client's commands and the server's replies from the
 * reassembled streams, pairs them in order (pipelining, RFC 2920), follows the mail
 * transactions, and reports each transaction and a summary of the session.
 *
 * <p>Credentials never leave the line buffer: an AUTH command yields its mechanism name only,
 * and every line of the SASL exchange that follows (RFC 4954 section 4) is dropped unread and
 * overwritten. Message bodies are skipped without copying; only the header block is read.
 *
 * <p>After a successful STARTTLS (RFC 3207) the rest of both streams is TLS and goes to the
 * {@link TlsObserver}; on port 465 (RFC 8314) that is the case from the first byte.
 */
public final class SmtpSession implements StreamListener {
  private enum ClientMode {
    COMMAND,
    DATA_WAIT,
    HEADERS,
    BODY,
    BDAT_CHUNK,
    AUTH,
    TLS
  }

  private final TcpConnection connection;
  private final boolean implicitTls;
  private final SmtpCounters counters;
  private final Supplier<TlsObserver> tlsFactory;

  private final LineBuffer clientLine;
  private final LineBuffer headerLine;
  private final PendingCommands pending;
  private final MessageHeaders headers;
  private final EndOfDataScanner endOfData = new EndOfDataScanner();
  private final ReplyReader replies;
  private final TransactionLog log;
  private final SessionFacts facts = new SessionFacts();

  private ClientMode mode = ClientMode.COMMAND;
  private boolean clientAfterGap;
  private boolean starttlsSent;
  private long bdatRemaining;
  private boolean bdatLast;
  private boolean inBdatMessage;
  private long lastMicros;
  private boolean closed;

  SmtpSession(
      TcpConnection connection,
      long tsMicros,
      boolean implicitTls,
      SmtpLimits limits,
      SmtpCounters counters,
      SmtpListener listener,
      SoftwareIdentifier identifier,
      Supplier<TlsObserver> tlsFactory) {
    this.connection = connection;
    this.lastMicros = tsMicros;
    this.implicitTls = implicitTls;
    this.counters = counters;
    this.tlsFactory = tlsFactory;
    this.clientLine = new LineBuffer(limits.maxLineBytes(), counters.lineTooLong);
    this.headerLine = new LineBuffer(limits.maxLineBytes(), counters.lineTooLong);
    this.pending = new PendingCommands(limits.maxPendingCommands());
    this.headers = new MessageHeaders(limits.maxHeaderBytes(), counters.headerCapHits);
    this.log = new TransactionLog(connection, tsMicros, limits, counters, listener, identifier, facts);
    this.replies = new ReplyReader(this, limits, counters);
    counters.sessions.inc();
    if (implicitTls) {
      facts.tls = true;
      startTls();
      mode = ClientMode.TLS;
      replies.startTls();
    } else {
      pending.add(SmtpVerb.GREETING);
    }
  }

  @Override
  public void onData(boolean fromClient, long ts, byte[] buf, int off, int len) {
    lastMicros = ts;
    if (fromClient) {
      clientData(ts, buf, off, off + len);
    } else {
      replies.data(ts, buf, off, off + len);
    }
  }

  @Override
  public void onGap(boolean fromClient, long ts, long missing) {
    lastMicros = ts;
    if (!fromClient) {
      counters.serverGaps.inc();
      replies.gap();
      return;
    }
    counters.clientGaps.inc();
    switch (mode) {
      case TLS -> facts.tlsObserver.onGap(true);
      case BODY -> endOfData.atLineStart();
      case HEADERS, DATA_WAIT -> {
        // the header block lost a piece: stop reading it, keep looking for the end of data
        headerLine.reset();
        headers.finish();
        mode = ClientMode.BODY;
        endOfData.atLineStart();
      }
      case BDAT_CHUNK -> {
        // BDAT counts bytes, so a gap inside a chunk leaves the parser exactly in step
        headerLine.reset();
        headers.finish();
        if (missing < bdatRemaining) {
          bdatRemaining -= missing;
        } else {
          boolean beyond = missing > bdatRemaining;
          bdatRemaining = 0;
          chunkDone();
          if (beyond) {
            clientLine.wipe();
            clientAfterGap = true;
          }
        }
      }
      case COMMAND, AUTH -> {
        clientLine.wipe();
        clientAfterGap = true;
      }
    }
  }

  @Override
  public void onClose(long ts, CloseReason reason) {
    if (closed) {
      return;
    }
    closed = true;
    lastMicros = Math.max(lastMicros, ts);
    clientLine.wipe();
    log.close(lastMicros, implicitTls, inMessage() ? headers : null);
  }

  // ---- client side

  private void clientData(long ts, byte[] b, int i, int end) {
    while (i < end) {
      switch (mode) {
        case TLS -> {
          facts.tlsObserver.onData(true, b, i, end - i);
          return;
        }
        case BODY -> {
          int p = endOfData.scan(b, i, end);
          if (p < 0) {
            return;
          }
          i = p;
          endOfMessage();
        }
        case BDAT_CHUNK -> {
          int n = (int) Math.min(bdatRemaining, end - i);
          chunkBytes(b, i, i + n);
          bdatRemaining -= n;
          i += n;
          if (bdatRemaining == 0) {
            chunkDone();
          }
        }
        default -> {
          if (starttlsSent && mode == ClientMode.COMMAND && clientLine.length() == 0 && b[i] == 0x16) {
            // a TLS handshake record (RFC 8446 section 5.1) right after STARTTLS: the client
            // read the server's 220 before we did
            mode = ClientMode.TLS;
            startTls();
            continue;
          }
          boolean headerMode = mode == ClientMode.HEADERS || mode == ClientMode.DATA_WAIT;
          LineBuffer line = headerMode ? headerLine : clientLine;
          i += line.append(b, i, end);
          if (!line.complete()) {
            return;
          }
          if (headerMode) {
            mode = ClientMode.HEADERS; // no reply to DATA yet: the client went on, so did the server
            headerLineDone();
          } else if (mode == ClientMode.AUTH && !Addresses.endsSaslExchange(line.bytes(), line.length())) {
            counters.authLinesDropped.inc();
            line.wipe();
          } else {
            command(ts, line);
          }
        }
      }
    }
  }

  private void command(long ts, LineBuffer line) {
    byte[] b = line.bytes();
    int n = line.length();
    int sp = 0;
    while (sp < n && b[sp] != ' ') {
      sp++;
    }
    // a line cut at the cap is no command the server could accept: it answers with an error
    SmtpVerb v = line.truncated() ? SmtpVerb.UNKNOWN : SmtpVerb.of(b, 0, sp);
    if (clientAfterGap) {
      clientAfterGap = false;
      if (v == SmtpVerb.UNKNOWN) {
        line.wipe(); // the tail of a line cut by a gap: no command, no reply to wait for
        return;
      }
    }
    if (mode == ClientMode.AUTH) {
      mode = ClientMode.COMMAND;
    }
    int arg = Math.min(n, sp + 1);
    switch (v) {
      case HELO, EHLO -> facts.helo = Addresses.helo(b, arg, n);
      case MAIL -> {
        if (Addresses.hasPrefix(b, arg, n, "FROM:")) {
          log.onMail(ts, Addresses.path(b, arg + 5, n));
        }
      }
      case RCPT -> {
        if (Addresses.hasPrefix(b, arg, n, "TO:")) {
          log.current().onRcpt(Addresses.path(b, arg + 3, n));
        }
      }
      case DATA -> {
        mode = ClientMode.DATA_WAIT;
        headers.reset();
        headerLine.reset();
      }
      case BDAT -> v = bdat(b, arg, n);
      case STARTTLS -> {
        starttlsSent = true;
        facts.starttlsAttempted = true;
      }
      case AUTH -> {
        facts.auth(Addresses.mechanism(b, arg, n));
        mode = ClientMode.AUTH;
      }
      case UNKNOWN -> counters.unknownCommands.inc();
      default -> {}
    }
    if (!pending.add(v)) {
      counters.pendingOverflow.inc();
    }
    line.wipe(); // AUTH PLAIN's initial response sits on the command line itself
  }

  private SmtpVerb bdat(byte[] b, int arg, int n) {
    long size = Addresses.bdatSize(b, arg, n);
    if (size < 0) {
      counters.badBdat.inc(); // no chunk follows that we could count: the server refuses it
      return SmtpVerb.BDAT;
    }
    if (!inBdatMessage) {
      inBdatMessage = true;
      headers.reset();
      headerLine.reset();
    }
    bdatLast = Addresses.bdatLast(b, arg, n);
    bdatRemaining = size;
    mode = ClientMode.BDAT_CHUNK;
    if (size == 0) {
      chunkDone();
    }
    return bdatLast ? SmtpVerb.BDAT_LAST : SmtpVerb.BDAT;
  }

  private void chunkBytes(byte[] b, int i, int end) {
    while (i < end && !headers.done()) {
      i += headerLine.append(b, i, end);
      if (!headerLine.complete()) {
        return;
      }
      headers.line(headerLine.bytes(), headerLine.length());
      headerLine.reset();
    }
  }

  private void chunkDone() {
    mode = ClientMode.COMMAND;
    if (bdatLast) {
      headers.finish();
      messageSent();
      inBdatMessage = false;
      bdatLast = false;
    }
  }

  private void headerLineDone() {
    byte[] b = headerLine.bytes();
    int n = headerLine.length();
    if (n == 1 && b[0] == '.') {
      headerLine.reset();
      endOfMessage();
      return;
    }
    headers.line(b, n);
    headerLine.reset();
    if (headers.done()) {
      mode = ClientMode.BODY;
      endOfData.atLineStart();
    }
  }

  private void endOfMessage() {
    headers.finish();
    messageSent();
    mode = ClientMode.COMMAND;
    if (!pending.add(SmtpVerb.END_OF_DATA)) {
      counters.pendingOverflow.inc();
    }
  }

  private void messageSent() {
    log.messageSent(lastMicros, headers);
    headers.reset();
  }

  private boolean inMessage() {
    return mode == ClientMode.HEADERS || mode == ClientMode.BODY || inBdatMessage;
  }

  private void startTls() {
    if (facts.tlsObserver == null) {
      facts.tlsObserver = tlsFactory.get();
    }
  }

  // ---- called by the reply reader, in reply order

  SmtpVerb pendingHead() {
    return pending.peek();
  }

  SmtpVerb pollPending() {
    return pending.poll();
  }

  void clearPending() {
    pending.clear();
  }

  void lastReply(String reply) {
    SmtpVerb head = pending.peek();
    log.lastReply(reply, head == SmtpVerb.END_OF_DATA || head == SmtpVerb.BDAT_LAST);
  }

  void greeting(String text) {
    if (facts.banner == null) {
      facts.banner = text;
    }
  }

  void ehloReply(List<String> lines) {
    facts.ehloLines = List.copyOf(lines);
    facts.softwareFinal = false;
  }

  void dataReply(boolean accepted) {
    if (accepted) {
      if (mode == ClientMode.DATA_WAIT) {
        mode = ClientMode.HEADERS;
        headers.reset();
      }
    } else if (mode == ClientMode.DATA_WAIT) {
      mode = ClientMode.COMMAND;
    } else if (mode == ClientMode.HEADERS || mode == ClientMode.BODY) {
      // we took the client's lines for a message before the refusal arrived
      counters.dataRejectedAfterBody.inc();
      headers.reset();
      headerLine.reset();
      mode = ClientMode.COMMAND;
    }
  }

  void messageAcknowledged(long ts) {
    log.messageAcknowledged(ts);
  }

  void starttlsReply(boolean accepted) {
    starttlsSent = false;
    if (!accepted) {
      return;
    }
    counters.starttls.inc();
    facts.tls = true;
    log.current().onStartTls();
    startTls();
    replies.startTls();
    if (mode == ClientMode.COMMAND || mode == ClientMode.AUTH) {
      clientLine.wipe();
      mode = ClientMode.TLS;
    }
  }

  void authReply(int code) {
    facts.authSuccess = code >= 200 && code < 300;
    if (mode == ClientMode.AUTH) {
      mode = ClientMode.COMMAND;
    }
  }

  /** A final reply nothing was waiting for; it still ends a SASL exchange we lost track of. */
  void unpairedReply(int code) {
    counters.unpairedReplies.inc();
    if (mode == ClientMode.AUTH && code != 334) {
      mode = ClientMode.COMMAND;
    }
  }

  /** Bytes held by the line buffers, whatever the peers sent. */
  int bufferedLineBytes() {
    return clientLine.capacity() + headerLine.capacity() + replies.bufferedLineBytes();
  }

  TlsObserver tls() {
    return facts.tlsObserver;
  }

  @Override
  public String toString() {
    return "SmtpSession " + connection + " " + mode.name().toLowerCase(Locale.ROOT);
  }
}
