package io.peerscope.agent.smtp;

import io.peerscope.agent.capture.PcapFileSource;
import io.peerscope.agent.decode.Packet;
import io.peerscope.agent.decode.PacketDecoder;
import io.peerscope.agent.metrics.Counters;
import io.peerscope.agent.tcp.TcpLimits;
import io.peerscope.agent.tcp.TcpReassembler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;

/** Replays a capture file through the real reader, decoder, reassembler and SMTP parser. */
final class SmtpReplay {
  final Counters counters = new Counters();
  final RecordingSmtpListener out = new RecordingSmtpListener();
  private final TcpReassembler reassembler = new TcpReassembler(TcpLimits.DEFAULTS, counters);
  private final PacketDecoder decoder = new PacketDecoder(counters);

  SmtpReplay(SmtpListener extra, SoftwareIdentifier identifier, Supplier<TlsObserver> tls) {
    SmtpListener listener = extra == null ? out : SmtpListener.all(java.util.List.of(out, extra));
    new SmtpSessionFactory(SmtpLimits.DEFAULTS, counters, listener, identifier, tls).registerWith(reassembler);
  }

  SmtpReplay() {
    this(null, SoftwareIdentifier.NONE, () -> TlsObserver.NONE);
  }

  SmtpReplay replay(Path file) throws IOException {
    Packet p = new Packet();
    long[] last = {0};
    try (PcapFileSource source = PcapFileSource.open(file, counters)) {
      source.run(
          (linkType, ts, buf, off, capLen, wireLen) -> {
            last[0] = Math.max(last[0], ts);
            decoder.onTick(last[0]);
            reassembler.onTick(last[0]);
            if (decoder.decode(linkType, ts, buf, off, capLen, p)) {
              reassembler.onSegment(p);
            }
          });
    }
    decoder.onEnd(last[0]);
    reassembler.onEnd(last[0]);
    return this;
  }
}
