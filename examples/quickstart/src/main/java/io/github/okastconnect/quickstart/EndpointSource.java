package io.github.okastconnect.quickstart;

import java.util.List;

/**
 * Where the Okast instances come from: the in-process simulator, or real instances given on the command line.
 * The quickstart codes against this so the simulator stays an implementation detail.
 */
public interface EndpointSource extends AutoCloseable {

    /** Starts whatever serves the instances (nothing, for real ones) and returns them. */
    List<InstanceEndpoint> start();

    /** One line for the start-up banner. */
    String description();

    /** Stops what {@link #start()} started; idempotent. */
    @Override
    void close();
}
