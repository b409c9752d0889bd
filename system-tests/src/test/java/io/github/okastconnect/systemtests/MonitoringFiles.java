package io.github.okastconnect.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the shipped monitoring files refer to: metric names in the Grafana dashboard's queries and in the Prometheus
 * rule file's expressions, and the metric table of docs/monitoring.md.
 */
final class MonitoringFiles {
    static final String EXPORTER_CONFIG = "okast-jmx-exporter.yml";
    static final String DASHBOARD = "okast-grafana-dashboard.json";
    static final String ALERT_RULES = "okast-alerts.yml";

    /** Metric names of this project's rules: the connector's own and Kafka Connect's as the exporter names them. */
    private static final Pattern METRIC = Pattern.compile("\\b((?:okast|kafka_connect)_[a-z0-9_]+)\\b");

    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(([^,]+),\\s*\\w+\\s*\\)");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern CLAUSES =
            Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern VARIABLES = Pattern.compile("\\$\\w+");

    private static final String TABLE_START = "<!-- metric-list:start -->";
    private static final String TABLE_END = "<!-- metric-list:end -->";

    private MonitoringFiles() {}

    /** A row of the documented metric list. */
    record DocumentedMetric(String name, String type, List<String> labels) {}

    /** Metric names in every {@code expr} of the dashboard's panels (and its template variables' queries). */
    static Set<String> dashboardMetrics(Path dashboard) throws IOException {
        JsonNode root = new ObjectMapper().readTree(dashboard.toFile());
        Set<String> names = new TreeSet<>();
        List<String> queries = new ArrayList<>();
        collectQueries(root, queries);
        queries.forEach(q -> names.addAll(metricsIn(q)));
        return names;
    }

    private static void collectQueries(JsonNode node, List<String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if ((field.getKey().equals("expr") || field.getKey().equals("query"))
                        && field.getValue().isTextual()) {
                    out.add(field.getValue().asText());
                } else {
                    collectQueries(field.getValue(), out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectQueries(child, out));
        }
    }

    /** Metric names in the rule file's {@code expr:} blocks (single-line or YAML block scalars). */
    static Set<String> ruleMetrics(Path rules) throws IOException {
        Set<String> names = new TreeSet<>();
        List<String> lines = Files.readAllLines(rules);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int at = line.indexOf("expr:");
            if (at < 0) {
                continue;
            }
            StringBuilder expr = new StringBuilder(line.substring(at + "expr:".length()));
            int indent = line.length() - line.stripLeading().length();
            while (i + 1 < lines.size()
                    && (lines.get(i + 1).isBlank()
                            || lines.get(i + 1).length()
                                            - lines.get(i + 1).stripLeading().length()
                                    > indent)) {
                expr.append('\n').append(lines.get(++i));
            }
            names.addAll(metricsIn(expr.toString()));
        }
        return names;
    }

    /**
     * The metric names of a PromQL expression: label names are not metric names, so label matchers, grouping and
     * matching clauses, Grafana variables and label_values' label argument are dropped before looking.
     */
    static Set<String> metricsIn(String promql) {
        String text = LABEL_VALUES.matcher(promql).replaceAll("$1");
        text = MATCHERS.matcher(text).replaceAll("");
        text = CLAUSES.matcher(text).replaceAll("");
        text = VARIABLES.matcher(text).replaceAll("");
        Set<String> names = new TreeSet<>();
        Matcher m = METRIC.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * The rows of docs/monitoring.md's metric list: {@code | `name` | type | label, label | ... |}, between the
     * metric-list markers.
     */
    static List<DocumentedMetric> documentedMetrics(Path monitoringDoc) throws IOException {
        String text = Files.readString(monitoringDoc);
        int start = text.indexOf(TABLE_START);
        int end = text.indexOf(TABLE_END);
        if (start < 0 || end < start) {
            throw new IllegalStateException(
                    monitoringDoc + " lacks the " + TABLE_START + " ... " + TABLE_END + " list");
        }
        List<DocumentedMetric> rows = new ArrayList<>();
        for (String line : text.substring(start, end).split("\n")) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String[] cells = line.split("\\|");
            String name = cells[1].trim().replace("`", "");
            String type = cells[2].trim();
            List<String> labels = Arrays.stream(cells[3].replace("`", "").split(","))
                    .map(String::trim)
                    .filter(l -> !l.isEmpty())
                    .toList();
            rows.add(new DocumentedMetric(name, type, labels));
        }
        return rows;
    }
}
