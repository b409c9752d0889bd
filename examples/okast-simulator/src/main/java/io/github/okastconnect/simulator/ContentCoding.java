package io.github.okastconnect.simulator;

import java.util.List;
import java.util.Locale;

/**
 * Accept-Encoding negotiation (RFC 9110 section 12.5.3), as far as the simulator needs it: may the answer be
 * gzip? A listed {@code gzip} (or {@code x-gzip}) decides by its own weight; otherwise {@code *} does; a weight
 * of 0 means "not this one". No header at all means identity, which is what the JDK clients send.
 */
final class ContentCoding {

    private ContentCoding() {}

    static boolean acceptsGzip(List<String> acceptEncodingHeaders) {
        if (acceptEncodingHeaders == null) {
            return false;
        }
        double gzip = Double.NaN;
        double any = Double.NaN;
        for (String header : acceptEncodingHeaders) {
            for (String element : header.split(",")) {
                String[] parts = element.split(";");
                String coding = parts[0].trim().toLowerCase(Locale.ROOT);
                double weight = weight(parts);
                if (Double.isNaN(weight)) {
                    continue; // a malformed element says nothing
                }
                if (coding.equals("gzip") || coding.equals("x-gzip")) {
                    gzip = Double.isNaN(gzip) ? weight : Math.max(gzip, weight);
                } else if (coding.equals("*")) {
                    any = Double.isNaN(any) ? weight : Math.max(any, weight);
                }
            }
        }
        if (!Double.isNaN(gzip)) {
            return gzip > 0;
        }
        return !Double.isNaN(any) && any > 0;
    }

    /** The element's q parameter, 1 without one, NaN when unreadable. */
    private static double weight(String[] parts) {
        double weight = 1;
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            if (parameter.length() >= 2
                    && (parameter.charAt(0) == 'q' || parameter.charAt(0) == 'Q')
                    && parameter.charAt(1) == '=') {
                try {
                    weight = Double.parseDouble(parameter.substring(2).trim());
                } catch (NumberFormatException e) {
                    return Double.NaN;
                }
                if (weight < 0 || weight > 1) {
                    return Double.NaN;
                }
            }
        }
        return weight;
    }
}
