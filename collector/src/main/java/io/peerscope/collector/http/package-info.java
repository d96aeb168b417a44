/** The HTTP API of CONTRACT.md, health, Prometheus metrics and the dashboard (Netty). */
package io.peerscope.collector.http;
