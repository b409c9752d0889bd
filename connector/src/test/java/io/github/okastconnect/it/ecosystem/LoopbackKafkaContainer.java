package io.github.okastconnect.it.ecosystem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * A single-node Kafka 4.4.0 broker (KRaft, broker + controller) in a container that can only run the way our
 * machines allow: host networking, listeners on 127.0.0.1, on ports found free on this host. The image,
 * {@value #IMAGE} by default, is built locally by {@code .ci/testcontainers-setup} and never pulled.
 *
 * <p>Our Docker engines have no bridge (a bridge would put the container on a private-range address, and traffic may
 * only go to loopback), so every way to ask for another network, or for port mappings that only a bridge gives, is
 * refused here rather than left to fail later.
 */
final class LoopbackKafkaContainer extends GenericContainer<LoopbackKafkaContainer> {
    static final String IMAGE = "okast-kafka:4.4.0";
    /** Overrides {@link #IMAGE}, e.g. for a developer's own build of the same image. */
    static final String IMAGE_PROPERTY = "okast.kafka.image";

    private static final String HOST = "host";

    private final int port;

    LoopbackKafkaContainer() {
        super(image());
        List<Integer> ports = freeLoopbackPorts(2);
        port = ports.get(0);
        super.withNetworkMode(HOST);
        withImagePullPolicy(name -> false);
        withEnv("PORT", Integer.toString(port));
        withEnv("CONTROLLER_PORT", Integer.toString(ports.get(1)));
        waitingFor(Wait.forLogMessage(".*Kafka Server started.*", 1).withStartupTimeout(Duration.ofSeconds(120)));
    }

    static DockerImageName image() {
        return DockerImageName.parse(System.getProperty(IMAGE_PROPERTY, IMAGE));
    }

    /** {@code 127.0.0.1:port}: the broker is on this host's loopback, whatever Testcontainers thinks the host is. */
    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    protected void configure() {
        super.configure();
        if (!HOST.equals(getNetworkMode())
                || getNetwork() != null
                || !getExposedPorts().isEmpty()
                || !getPortBindings().isEmpty()) {
            throw new IllegalStateException("host networking only, no exposed or bound ports: network mode "
                    + getNetworkMode() + ", network " + getNetwork() + ", exposed " + getExposedPorts());
        }
    }

    /** The container as Docker created it, whatever a create-command modifier may have done: host networking. */
    @Override
    protected void containerIsCreated(String containerId) {
        String mode = getDockerClient()
                .inspectContainerCmd(containerId)
                .exec()
                .getHostConfig()
                .getNetworkMode();
        if (!HOST.equals(mode)) {
            throw new IllegalStateException("container " + containerId + " created with network mode " + mode
                    + ", not host: refusing to start it off loopback");
        }
        super.containerIsCreated(containerId);
    }

    @Override
    public LoopbackKafkaContainer withNetworkMode(String networkMode) {
        setNetworkMode(networkMode);
        return this;
    }

    @Override
    public LoopbackKafkaContainer withNetwork(Network network) {
        throw refused("a Docker network");
    }

    @Override
    public void setNetworkMode(String networkMode) {
        if (!HOST.equals(networkMode)) {
            throw refused("network mode " + networkMode);
        }
        super.setNetworkMode(networkMode);
    }

    @Override
    public void setNetwork(Network network) {
        throw refused("a Docker network");
    }

    @Override
    public void setExposedPorts(List<Integer> exposedPorts) {
        throw refused("exposed ports");
    }

    @Override
    public void addExposedPort(Integer port) {
        throw refused("exposed ports");
    }

    @Override
    public void addExposedPorts(int... ports) {
        throw refused("exposed ports");
    }

    @Override
    public void setPortBindings(List<String> portBindings) {
        throw refused("port bindings");
    }

    private static UnsupportedOperationException refused(String what) {
        return new UnsupportedOperationException(what + " refused: this container runs with host networking only, "
                + "so that it stays on loopback (no bridge exists on our machines)");
    }

    /** Distinct ports free on 127.0.0.1 now; all are held open until every one is found, so none repeats. */
    private static List<Integer> freeLoopbackPorts(int count) {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            }
            return java.util.Arrays.stream(sockets)
                    .map(ServerSocket::getLocalPort)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket s : sockets) {
                if (s != null) {
                    try {
                        s.close();
                    } catch (IOException e) {
                        // Closing a listening socket that accepted nothing does not fail in practice.
                    }
                }
            }
        }
    }
}
