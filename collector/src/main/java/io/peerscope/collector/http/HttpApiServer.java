package io.peerscope.collector.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.peerscope.collector.HostPort;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The collector's HTTP server (Netty). Requests are bounded: request line 4 KiB, headers 8 KiB,
 * body 16 KiB (larger ones get 413 from the aggregator), idle connections closed after 30 s.
 */
public final class HttpApiServer implements AutoCloseable {
  private static final int MAX_INITIAL_LINE = 4096;
  private static final int MAX_HEADERS = 8192;
  private static final int MAX_BODY = 16 * 1024;
  private static final int IDLE_SECONDS = 30;
  private static final int WORKERS = 2;
  /** Beyond this many waiting requests per lane the API answers 503 rather than queueing without bound. */
  private static final int QUEUED_REQUESTS = 128;

  private final EventLoopGroup boss;
  private final EventLoopGroup io;
  private final RequestLanes workers;
  private final Channel channel;
  private final ChannelGroup connections;
  private final int port;

  private HttpApiServer(
      EventLoopGroup boss,
      EventLoopGroup io,
      RequestLanes workers,
      Channel channel,
      ChannelGroup connections) {
    this.connections = connections;
    this.boss = boss;
    this.io = io;
    this.workers = workers;
    this.channel = channel;
    this.port = ((InetSocketAddress) channel.localAddress()).getPort();
  }

  public static HttpApiServer start(HostPort listen, ApiServices services) throws IOException {
    Dashboard dashboard = Dashboard.load();
    EventLoopGroup boss = new NioEventLoopGroup(1);
    EventLoopGroup io = new NioEventLoopGroup(2);
    RequestLanes workers = new RequestLanes(WORKERS, QUEUED_REQUESTS);
    ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    ApiHandler handler = new ApiHandler(services, dashboard, workers);
    try {
      ServerBootstrap bootstrap =
          new ServerBootstrap()
              .group(boss, io)
              .channel(NioServerSocketChannel.class)
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      connections.add(ch);
                      ChannelPipeline p = ch.pipeline();
                      p.addLast(new ReadTimeoutHandler(IDLE_SECONDS));
                      p.addLast(new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADERS, 8192));
                      p.addLast(new TooLongGuard());
                      p.addLast(new HttpObjectAggregator(MAX_BODY));
                      p.addLast(handler);
                    }
                  });
      Channel channel =
          bootstrap.bind(new InetSocketAddress(listen.host(), listen.port())).sync().channel();
      return new HttpApiServer(boss, io, workers, channel, connections);
    } catch (Exception e) {
      shutdown(boss, io, workers);
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IOException("cannot listen for HTTP on " + listen + ": " + e.getMessage(), e);
    }
  }

  /** The bound port (never 0). */
  public int port() {
    return port;
  }

  @Override
  public void close() {
    // Close every connection while the loops still run: a pipeline's teardown hops between the
    // I/O loop and the worker group, and fails if either is already gone.
    channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    shutdown(boss, io, workers);
  }

  private static void shutdown(EventLoopGroup boss, EventLoopGroup io, RequestLanes workers) {
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    io.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    workers.close();
  }

  /**
   * The codec marks a request whose line or headers exceed the limits as failed; answer it with
   * 431/414 and close instead of letting it reach the router half-parsed.
   */
  private static final class TooLongGuard extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof HttpRequest request
          && request.decoderResult().isFailure()) {
        Throwable cause = request.decoderResult().cause();
        HttpResponseStatus status =
            cause instanceof TooLongFrameException
                ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                : HttpResponseStatus.BAD_REQUEST;
        ReferenceCountUtil.release(msg);
        FullHttpResponse response = ApiHandler.error(status, "request too large or malformed");
        response.headers().set("Content-Length", response.content().readableBytes());
        response.headers().set("Connection", "close");
        ctx.writeAndFlush(response)
            .addListener(ChannelFutureListener.CLOSE);
        return;
      }
      ctx.fireChannelRead(msg);
    }
  }
}
