/**
 * The clear-text part of TLS handshakes on mail connections (after STARTTLS, or on port 465):
 * versions offered and negotiated, SNI, cipher suite and, up to TLS 1.2, the server certificate.
 *
 * <p>Use: one {@link io.peerscope.agent.smtp.tls.TlsCounters} per agent; one {@link
 * io.peerscope.agent.smtp.tls.TlsHandshakeTracker} per connection from the moment TLS starts,
 * fed with {@code onData(fromClient, buf, off, len)} and {@code onGap(fromClient)}; read {@link
 * io.peerscope.agent.smtp.tls.TlsHandshakeInfo} with {@code info()}, at the latest when the
 * connection closes. {@code isDone()} says when further bytes need not be fed.
 */
package io.peerscope.agent.smtp.tls;
