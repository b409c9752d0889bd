package io.github.okastconnect.streams;

/** What the lifecycle processor forwards; the topology routes each kind to its own topic. */
public sealed interface Emission permits Summary, StuckAlert {

    String instance();
}
