package io.peerscope.collector.http;

import io.peerscope.collector.CollectorMetrics;
import io.peerscope.collector.store.FindingStore;
import io.peerscope.collector.store.SensorStore;
import java.util.function.BooleanSupplier;

/** What the HTTP API reads from: the stores, the metrics and the two health probes. */
public record ApiServices(
    FindingStore findings,
    SensorStore sensors,
    CollectorMetrics metrics,
    BooleanSupplier brokerUp,
    BooleanSupplier databaseUp,
    int maxResults) {}
