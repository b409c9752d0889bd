package io.github.okastconnect.systemtests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** One answer of a Prometheus text-format endpoint (what the JMX exporter agent serves), parsed. */
record PrometheusScrape(String text, List<Sample> samples, Map<String, String> typeByFamily) {

    /** One line {@code name{label="value",...} value}. */
    record Sample(String name, Map<String, String> labels, double value) {
        boolean has(Map<String, String> wanted) {
            return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
        }
    }

    private static final Pattern SAMPLE =
            Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\d+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern TYPE = Pattern.compile("^# TYPE (\\S+) (\\S+)$");

    static PrometheusScrape get(HttpClient http, URI metrics) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(metrics + " answered " + response.statusCode());
        }
        return parse(response.body());
    }

    static PrometheusScrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        Map<String, String> types = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher type = TYPE.matcher(line);
            if (type.matches()) {
                types.put(type.group(1), type.group(2));
                continue;
            }
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a Prometheus sample line: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(2) != null) {
                Matcher label = LABEL.matcher(m.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3))));
        }
        return new PrometheusScrape(text, List.copyOf(samples), Map.copyOf(types));
    }

    /** Every sample name that starts with one of {@code prefixes}. */
    Set<String> names(String... prefixes) {
        return samples.stream()
                .map(Sample::name)
                .filter(n -> List.of(prefixes).stream().anyMatch(n::startsWith))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    List<Sample> all(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** The one sample of {@code name} with these labels (others may be present too). */
    Optional<Double> value(String name, Map<String, String> labels) {
        List<Sample> matching = all(name).stream().filter(s -> s.has(labels)).toList();
        if (matching.size() > 1) {
            throw new IllegalStateException(matching.size() + " samples of " + name + labels + ": " + matching);
        }
        return matching.stream().findFirst().map(Sample::value);
    }

    /**
     * The TYPE declared for a sample name: a counter's family is named without {@code _total} in the OpenMetrics
     * style the exporter follows, so both spellings are looked up.
     */
    Optional<String> typeOf(String sampleName) {
        String type = typeByFamily.get(sampleName);
        if (type == null && sampleName.endsWith("_total")) {
            type = typeByFamily.get(sampleName.substring(0, sampleName.length() - "_total".length()));
        }
        return Optional.ofNullable(type);
    }
}
