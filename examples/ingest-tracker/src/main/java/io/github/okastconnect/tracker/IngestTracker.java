package io.github.okastconnect.tracker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.github.okastconnect.streams.JsonMappers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * One running tracker: the Kafka Streams application and its HTTP server (API and page). Start several with
 * the same {@code application.id} to spread the state; each answers every query.
 */
public final class IngestTracker implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final KafkaStreams streams;
    private final HostInfo self;

    private IngestTracker(HttpServer server, ExecutorService executor, KafkaStreams streams, HostInfo self) {
        this.server = server;
        this.executor = executor;
        this.streams = streams;
        this.self = self;
    }

    /**
     * Binds the HTTP port first (so port 0 can be advertised as the real one in {@code application.server}),
     * then starts Streams and serves.
     *
     * @param extraStreamsProperties added to {@link TrackerSettings#streamsProperties()}, e.g. commit interval
     */
    public static IngestTracker start(TrackerSettings settings, Properties extraStreamsProperties) throws IOException {
        // The JDK server leaves Nagle on: every small answer then waits ~40 ms for the client's delayed ACK. Read
        // once, when the first server is created; an explicit -Dsun.net.httpserver.nodelay=false still wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(settings.httpHost(), settings.httpPort()), 64);
        HostInfo self = new HostInfo(settings.httpHost(), server.getAddress().getPort());
        Properties props = settings.streamsProperties();
        props.putAll(extraStreamsProperties);
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
        KafkaStreams streams = new KafkaStreams(TrackerTopology.build(settings), props);

        ObjectMapper mapper = JsonMappers.create();
        LocalQueries local = new LocalQueries(
                new LocalQueries.Stores() {
                    @Override
                    public <V> ReadOnlyKeyValueStore<String, V> get(String name) {
                        return streams.store(StoreQueryParameters.fromNameAndType(
                                name, QueryableStoreTypes.<String, V>keyValueStore()));
                    }
                },
                System::currentTimeMillis,
                settings.stuckThreshold().toMillis());
        TrackerService service = new TrackerService(streams, self, local, mapper);

        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "tracker-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.createContext("/", new TrackerHttp(service, mapper));
        server.setExecutor(executor);
        streams.start();
        server.start();
        return new IngestTracker(server, executor, streams, self);
    }

    /** Base URL of the page and API, e.g. {@code http://127.0.0.1:8089/}. */
    public String url() {
        return "http://" + self.host() + ":" + self.port() + "/";
    }

    public KafkaStreams streams() {
        return streams;
    }

    HostInfo hostInfo() {
        return self;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        streams.close(Duration.ofSeconds(30));
    }
}
