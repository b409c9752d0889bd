package io.github.okastconnect.docs;

import io.github.okastconnect.config.OkastSourceConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Renders the configuration reference as Markdown straight from the {@link ConfigDef}, so docs/configuration.md
 * cannot drift from the code: a test compares that page's generated section with this output. Keys are listed group by
 * group, in the order the groups are first defined, so a key defined away from its group's others still shows under
 * that group's one heading.
 */
public final class ConfigReference {
    private ConfigReference() {}

    public static String markdown() {
        ConfigDef def = OkastSourceConfig.definition(List.of("<id>"));
        Map<String, List<ConfigDef.ConfigKey>> groups = new LinkedHashMap<>();
        for (ConfigDef.ConfigKey key : def.configKeys().values()) {
            if (!key.internalConfig) {
                groups.computeIfAbsent(key.group, g -> new ArrayList<>()).add(key);
            }
        }
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, List<ConfigDef.ConfigKey>> group : groups.entrySet()) {
            out.append("\n#### ")
                    .append(group.getKey().replace("Instance <id>", "Per instance (`okast.instance.<id>.*`)"))
                    .append("\n\n| Key | Type | Default | Valid values | Importance | Description |\n")
                    .append("|---|---|---|---|---|---|\n");
            for (ConfigDef.ConfigKey key : group.getValue()) {
                out.append("| `")
                        .append(key.name)
                        .append("` | ")
                        .append(key.type.name().toLowerCase())
                        .append(" | ")
                        .append(defaultValue(key))
                        .append(" | ")
                        .append(key.validator == null ? "" : escape(key.validator.toString()))
                        .append(" | ")
                        .append(key.importance.name().toLowerCase())
                        .append(" | ")
                        .append(escape(key.documentation.replace("'<id>'", "<id>")))
                        .append(" |\n");
            }
        }
        return out.toString().stripLeading();
    }

    private static String defaultValue(ConfigDef.ConfigKey key) {
        if (!key.hasDefault()) {
            return "*required*";
        }
        if (key.defaultValue == null) {
            return "null";
        }
        Object value = key.defaultValue instanceof List<?> list
                ? list.stream().map(String::valueOf).collect(Collectors.joining(","))
                : key.defaultValue;
        return "`" + value + "`";
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
    }

    public static void main(String[] args) {
        System.out.print(markdown());
    }
}
