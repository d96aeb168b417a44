package io.peerscope.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Reads the collector's HTTP API (CONTRACT.md) as any client would. */
public final class CollectorApi {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public CollectorApi(String base) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  public String base() {
    return base;
  }

  /** {@code GET /api/findings?sensor=...}: the findings array. */
  public JsonNode findings(String sensor) throws IOException, InterruptedException {
    return get("/api/findings?sensor=" + URLEncoder.encode(sensor, StandardCharsets.UTF_8)).path("findings");
  }

  /** {@code GET /api/sensors}: the sensor with this id, or a missing node. */
  public JsonNode sensor(String id) throws IOException, InterruptedException {
    for (JsonNode s : get("/api/sensors").path("sensors")) {
      if (id.equals(s.path("id").asText())) {
        return s;
      }
    }
    return JSON.missingNode();
  }

  public int status(String path) throws IOException, InterruptedException {
    return http.send(request(path), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  public JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(request(path), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
    }
    return JSON.readTree(r.body());
  }

  private HttpRequest request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).GET().build();
  }
}
