package io.github.okastconnect.simulator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Makes realistic-looking ingest requests for generated load: paths of about 60 characters and
 * the sparse field combinations of the vendor's example.
 */
final class RequestGenerator {

    private static final String[] KINDS = {"queueBottom", "queueTop", "indexed"};

    private final String instance;
    private final ZoneId zone;

    RequestGenerator(String instance, ZoneId zone) {
        this.instance = instance;
        this.zone = zone;
    }

    IngestRequest next(java.util.Random random, boolean withFilePath, Instant at) {
        String base = "https://storage.example.com/media/" + instance + "/" + hex(random.nextLong());
        int shape = random.nextInt(10);
        IngestRequest.Builder request = IngestRequest.builder();
        if (withFilePath) {
            request.filePath(base + ".mp4");
        }
        if (withFilePath || shape < 5) {
            request.metadataPath(base + ".json");
        }
        if (shape < 7) {
            String kind = KINDS[random.nextInt(KINDS.length)];
            request.destinationFolder(uuid(random)).destinationFolderKind(kind);
            if (kind.equals("indexed")) {
                request.destinationFolderIndex(Integer.toString(random.nextInt(50)))
                        .destinationFolderIndexReplace(random.nextBoolean() ? "1" : "");
            }
        }
        if (shape == 9 || !withFilePath) {
            request.reschedule(LocalDate.ofInstant(at, zone).plusDays(1).toString());
        }
        return request.build();
    }

    static String hex(long value) {
        String digits = Long.toHexString(value);
        return "0".repeat(16 - digits.length()) + digits;
    }

    /** Same 8-4-4-4-12 layout as the destinationFolder of the vendor's example. */
    static String uuid(java.util.Random random) {
        String a = hex(random.nextLong());
        String b = hex(random.nextLong());
        return a.substring(0, 8) + "-" + a.substring(8, 12) + "-" + a.substring(12, 16) + "-" + b.substring(0, 4) + "-"
                + b.substring(4, 16);
    }
}
