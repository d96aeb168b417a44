package io.peerscope.app.demo;

import io.peerscope.agent.synth.PcapWriter;
import io.peerscope.agent.synth.story.StoryCapture;
import io.peerscope.agent.synth.story.StoryPlan;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The demo's capture, generated (deterministic: the same bytes every run): three weeks of the
 * planted DNS story (issue 4) at an authoritative server, one office morning of everyday DNS in
 * the third week, and mail sessions to an end-of-life IIS 6 server that offers no STARTTLS and
 * takes passwords in cleartext (issue 3).
 */
public final class DemoCapture {
  /** The office morning: Monday 16 May 2016 07:00 UTC, the third week of the story. */
  public static final Instant MORNING = Instant.parse("2016-05-16T07:00:00Z");

  private DemoCapture() {}

  /** Writes the capture as classic pcap; returns the number of frames. */
  public static long writeFile(Path file) throws IOException {
    try (PcapWriter w = PcapWriter.create(file)) {
      FrameQueue frames = new FrameQueue(w);
      new OfficeMorning(frames).play(micros(MORNING));
      DemoMail mail = new DemoMail(frames);
      for (int day = 0; day < 5; day++) {
        long morning = micros(MORNING) + day * 86_400_000_000L;
        mail.session(DemoMail.COPIER, "SCANNER-2F", "scanner@office.example", "archive@office.example",
            "Konica Minolta bizhub C224e", morning + 3_600_000_000L);
        mail.session(DemoMail.LAPTOP, "LAPTOP-ANNA", "anna@office.example", "partner@tower-mailer.example",
            "Microsoft Outlook 16.0", morning + 5_400_000_000L);
      }
      // the story's frames drive the file's order: ours are written in between, up to each of them
      StoryCapture.write(StoryPlan.small(), w, frames::writeBefore);
      frames.writeAll();
      return w.frames();
    }
  }

  static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
  }
}
