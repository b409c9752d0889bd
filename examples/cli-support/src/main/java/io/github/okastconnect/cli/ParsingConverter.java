package io.github.okastconnect.cli;

import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A picocli converter from a parse method that throws on bad text (IllegalArgumentException, DateTimeException...):
 * its message becomes picocli's "Invalid value for option '--x': ...". A subclass names the parse method in its
 * no-argument constructor, as picocli instantiates converters from annotations.
 */
public abstract class ParsingConverter<T> implements ITypeConverter<T> {

    private final Function<String, T> parse;
    private final String fixedMessage;

    /** The parse method's own message is shown: it must not echo a secret. */
    protected ParsingConverter(Function<String, T> parse) {
        this(parse, null);
    }

    /** {@code message} is shown instead of the parse method's, e.g. for a value that may hold a password. */
    protected ParsingConverter(Function<String, T> parse, String message) {
        this.parse = parse;
        this.fixedMessage = message;
    }

    @Override
    public T convert(String value) {
        try {
            return parse.apply(value);
        } catch (RuntimeException e) {
            throw new TypeConversionException(fixedMessage != null ? fixedMessage : e.getMessage());
        }
    }
}
