package io.github.okastconnect.docs;

import io.github.okastconnect.config.OkastSourceConfig;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Renders the configuration reference as Markdown straight from the {@link ConfigDef}, so README cannot drift from
 * the code: a test compares README's section with this output.
 */
public final class ConfigReference {
    private ConfigReference() {}

    public static String markdown() {
        ConfigDef def = OkastSourceConfig.definition(List.of("<id>"));
        StringBuilder out = new StringBuilder();
        String group = null;
        for (ConfigDef.ConfigKey key : def.configKeys().values()) {
            if (key.internalConfig) {
                continue;
            }
            if (!key.group.equals(group)) {
                group = key.group;
                out.append("\n#### ")
                        .append(group.replace("Instance <id>", "Per instance (`okast.instance.<id>.*`)"))
                        .append("\n\n| Key | Type | Default | Valid values | Importance | Description |\n")
                        .append("|---|---|---|---|---|---|\n");
            }
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
