package io.github.okastconnect.testkit.rest;

/** One entry of {@code GET /connector-plugins}: type is source, sink, converter, transformation, predicate... */
public record PluginInfo(String className, String type, String version) {}
