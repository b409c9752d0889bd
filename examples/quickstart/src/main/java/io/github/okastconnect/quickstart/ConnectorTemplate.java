package io.github.okastconnect.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The connector configuration the quickstart deploys, read from {@code config/quickstart-connector.json}.
 *
 * <p>Placeholders, replaced before the config is sent to Connect:
 * <ul>
 *   <li>{@code ${SIM_URL_<id>}}: the base URL of instance {@code <id>} (the simulator's, or the real one given
 *       with --instance)</li>
 *   <li>{@code ${OKAST_INSTANCES}}: the comma-separated instance ids</li>
 * </ul>
 * Names contain no ':', so Connect's config-provider references ({@code ${env:VAR}}, {@code ${file:path:key}})
 * pass through untouched and are resolved by the worker.
 */
public record ConnectorTemplate(String name, Map<String, String> config) {

    static final String DEFAULT_NAME = "okast-quickstart";
    static final String DEFAULT_TOPIC = "okast.ingest.lifecycle";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)}");
    private static final String URL_PLACEHOLDER = "SIM_URL_";
    private static final String INSTANCES_PLACEHOLDER = "OKAST_INSTANCES";

    public ConnectorTemplate {
        config = Map.copyOf(config);
    }

    /** Accepts Connect's create body ({@code {"name":..,"config":{..}}}) or a flat config map. */
    public static ConnectorTemplate load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(
                    "connector template not found: " + file + " (use --connector-config FILE.json)");
        }
        try {
            JsonNode root = new ObjectMapper().readTree(file.toFile());
            JsonNode configNode = root.has("config") ? root.get("config") : root;
            Map<String, String> config = new LinkedHashMap<>();
            configNode
                    .properties()
                    .forEach(e -> config.put(e.getKey(), e.getValue().asText()));
            String name = root.path("name").asText(config.getOrDefault("name", DEFAULT_NAME));
            config.remove("name");
            return new ConnectorTemplate(name, config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read connector template " + file, e);
        }
    }

    public String topic() {
        return config.getOrDefault("topic", DEFAULT_TOPIC);
    }

    /** The template's {@code okast.instances} when it is literal ids, not a placeholder. */
    public List<String> instanceIds() {
        String ids = config.getOrDefault("okast.instances", "");
        if (ids.isBlank() || PLACEHOLDER.matcher(ids).find()) {
            return List.of();
        }
        return Arrays.stream(ids.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** Literal basic-auth credentials of {@code id}, so that the simulator can demand the same ones. */
    public Optional<InstanceEndpoint.Credentials> literalBasicAuth(String id) {
        String prefix = "okast.instance." + id + ".auth.";
        if (!"basic".equalsIgnoreCase(config.get(prefix + "type"))) {
            return Optional.empty();
        }
        String user = config.get(prefix + "username");
        String password = config.get(prefix + "password");
        if (user == null || password == null || user.contains("${") || password.contains("${")) {
            return Optional.empty();
        }
        return Optional.of(new InstanceEndpoint.Credentials(user, password));
    }

    /**
     * For real instances: drops the template's instances and takes them from the --config properties and the
     * --instance endpoints instead; every other setting (topic, poll interval, zone...) stays.
     */
    public ConnectorTemplate withInstances(Properties overlay, List<InstanceEndpoint> endpoints) {
        Map<String, String> merged = new LinkedHashMap<>();
        config.forEach((k, v) -> {
            if (!k.equals("okast.instances") && !k.startsWith("okast.instance.")) {
                merged.put(k, v);
            }
        });
        overlay.stringPropertyNames().forEach(k -> merged.put(k, overlay.getProperty(k)));
        Set<String> ids = new LinkedHashSet<>();
        if (overlay.containsKey("okast.instances")) {
            Arrays.stream(overlay.getProperty("okast.instances").split(","))
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .forEach(ids::add);
        }
        for (InstanceEndpoint endpoint : endpoints) {
            ids.add(endpoint.id());
            merged.putAll(endpoint.connectorProperties());
        }
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("no Okast instance: give --instance or okast.instances in --config");
        }
        merged.put("okast.instances", String.join(",", ids));
        String name = overlay.getProperty("name", this.name);
        merged.remove("name");
        return new ConnectorTemplate(name, merged);
    }

    /** Replaces the placeholders; fails on any it does not know, rather than deploying a broken URL. */
    public Map<String, String> render(List<InstanceEndpoint> endpoints) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(
                INSTANCES_PLACEHOLDER,
                String.join(",", endpoints.stream().map(InstanceEndpoint::id).toList()));
        endpoints.forEach(e -> values.put(URL_PLACEHOLDER + e.id(), e.url()));
        Map<String, String> rendered = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        config.forEach((key, value) -> {
            Matcher m = PLACEHOLDER.matcher(value);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String replacement = values.get(m.group(1));
                if (replacement == null) {
                    unknown.add(key + " -> ${" + m.group(1) + "}");
                    replacement = m.group();
                }
                m.appendReplacement(out, Matcher.quoteReplacement(replacement));
            }
            m.appendTail(out);
            rendered.put(key, out.toString());
        });
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown placeholder(s) " + unknown + "; known: "
                    + values.keySet().stream().map(k -> "${" + k + "}").toList());
        }
        return rendered;
    }

    static Properties readProperties(Path file) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            props.load(reader);
            return props;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
