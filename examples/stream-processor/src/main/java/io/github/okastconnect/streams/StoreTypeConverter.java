package io.github.okastconnect.streams;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Command-line store types: persistent (also rocksdb) or in-memory (also memory, in_memory), any case. */
final class StoreTypeConverter implements ITypeConverter<AppSettings.StoreType> {

    @Override
    public AppSettings.StoreType convert(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "persistent", "rocksdb" -> AppSettings.StoreType.PERSISTENT;
            case "in-memory", "memory", "in_memory" -> AppSettings.StoreType.IN_MEMORY;
            default -> throw new TypeConversionException("'" + value + "' is neither persistent nor in-memory");
        };
    }
}
