package io.peerscope.agent;

import io.peerscope.agent.config.AgentConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Replays a capture through the whole agent, as {@code agent --read FILE --logs DIR} does. */
public final class AgentLogs {
  private AgentLogs() {}

  /** Writes the agent's logs for the capture into dir; returns dir. */
  public static Path replay(Path capture, Path dir) throws IOException {
    Files.createDirectories(dir);
    var config = new AgentConfigLoader().override("sensor", "replay").override("logs_dir", dir.toString()).load(null);
    try (Agent agent = Agent.forFile(config, capture)) {
      agent.run();
    }
    return dir;
  }
}
