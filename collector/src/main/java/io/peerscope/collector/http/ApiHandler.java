package io.peerscope.collector.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.peerscope.collector.store.FindingQuery;
import io.peerscope.collector.store.SensorRow;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes the collector's HTTP requests: the JSON API, health, metrics and the dashboard. Runs on
 * a worker group apart from the I/O threads because the API reads the database.
 */
@Sharable
final class ApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
  private static final String JSON = "application/json; charset=utf-8";
  private static final Set<String> PATHS =
      Set.of("/", "/api/findings", "/api/sensors", "/healthz", "/metrics");

  private final ApiServices services;
  private final Dashboard dashboard;
  private final RequestLanes workers;

  /** What the router needs of a request; the pooled request itself is released on return. */
  private record RequestLine(HttpMethod method, String uri, boolean decoded, boolean keepAlive) {}

  ApiHandler(ApiServices services, Dashboard dashboard, RequestLanes workers) {
    this.services = services;
    this.dashboard = dashboard;
    this.workers = workers;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    boolean decoded = request.decoderResult().isSuccess();
    RequestLine line =
        new RequestLine(
            request.method(), request.uri(), decoded, decoded && HttpUtil.isKeepAlive(request));
    try {
      // The API reads the database: keep blocking work off the I/O loop.
      workers.execute(ctx.channel(), () -> send(ctx, line, respond(line)));
    } catch (RejectedExecutionException e) {
      send(ctx, line, error(HttpResponseStatus.SERVICE_UNAVAILABLE, "busy, retry later"));
    }
  }

  private FullHttpResponse respond(RequestLine line) {
    try {
      return answer(line);
    } catch (BadRequest e) {
      return error(HttpResponseStatus.BAD_REQUEST, e.getMessage());
    } catch (Exception e) {
      LOG.warn("HTTP request failed: {}", e.toString());
      return error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error");
    }
  }

  private FullHttpResponse answer(RequestLine request) throws Exception {
    if (!request.decoded()) {
      return error(HttpResponseStatus.BAD_REQUEST, "malformed request");
    }
    QueryStringDecoder uri;
    Map<String, List<String>> params;
    try {
      uri = new QueryStringDecoder(request.uri(), StandardCharsets.UTF_8, true, 32);
      params = uri.parameters();
    } catch (IllegalArgumentException e) {
      throw new BadRequest("malformed query string");
    }
    String path = uri.path();
    if (!PATHS.contains(path)) {
      return error(HttpResponseStatus.NOT_FOUND, "no such resource");
    }
    if (!HttpMethod.GET.equals(request.method()) && !HttpMethod.HEAD.equals(request.method())) {
      FullHttpResponse response =
          error(HttpResponseStatus.METHOD_NOT_ALLOWED, "only GET and HEAD are supported");
      response.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
      return response;
    }
    switch (path) {
      case "/api/findings" -> {
        FindingQuery query = FindingsParams.parse(params, services.maxResults());
        return ok(JSON, JsonViews.findings(services.findings().find(query)));
      }
      case "/api/sensors" -> {
        QueryParams.requireOnly(params, Set.of());
        return ok(JSON, JsonViews.sensors(services.sensors().list()));
      }
      case "/healthz" -> {
        boolean broker = services.brokerUp().getAsBoolean();
        boolean database = services.databaseUp().getAsBoolean();
        FullHttpResponse response = ok(JSON, JsonViews.health(broker, database));
        if (!(broker && database)) {
          response.setStatus(HttpResponseStatus.SERVICE_UNAVAILABLE);
        }
        return response;
      }
      case "/metrics" -> {
        return ok(PrometheusText.CONTENT_TYPE, PrometheusText.render(services.metrics(), gauges())
            .getBytes(StandardCharsets.UTF_8));
      }
      default -> {
        FullHttpResponse response = ok("text/html; charset=utf-8", dashboard.html());
        response.headers().set("Content-Security-Policy", dashboard.contentSecurityPolicy());
        response.headers().set("X-Frame-Options", "DENY");
        response.headers().set("Referrer-Policy", "no-referrer");
        return response;
      }
    }
  }

  private PrometheusText.Gauges gauges() {
    boolean database = services.databaseUp().getAsBoolean();
    long findings = -1;
    long sensors = -1;
    if (database) {
      try {
        findings = services.findings().count();
        sensors = services.sensors().list().size();
      } catch (Exception e) {
        database = false;
      }
    }
    return new PrometheusText.Gauges(
        services.brokerUp().getAsBoolean(), database, findings, sensors);
  }

  private static FullHttpResponse ok(String contentType, byte[] body) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(body));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    return response;
  }

  static FullHttpResponse error(HttpResponseStatus status, String message) {
    FullHttpResponse response = ok(JSON, JsonViews.error(status.code(), message));
    response.setStatus(status);
    return response;
  }

  private void send(ChannelHandlerContext ctx, RequestLine request, FullHttpResponse response) {
    int code = response.status().code();
    services.metrics().httpRequests.increment();
    if (code >= 500) {
      services.metrics().httpServerErrors.increment();
    } else if (code >= 400) {
      services.metrics().httpClientErrors.increment();
    }
    response.headers().set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
    if (HttpMethod.HEAD.equals(request.method())) {
      // RFC 9110 section 9.3.2: the headers of GET, without the content
      FullHttpResponse head = response.replace(Unpooled.EMPTY_BUFFER);
      response.release();
      response = head;
    }
    response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    response.headers().set("X-Content-Type-Options", "nosniff");
    if (request.keepAlive()) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      ctx.writeAndFlush(response);
    } else {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
