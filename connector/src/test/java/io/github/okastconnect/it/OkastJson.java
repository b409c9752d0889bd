package io.github.okastconnect.it;

import java.util.List;

/** Builds status bodies in the endpoint's exact shape (sparse request, zone-less timestamps). */
final class OkastJson {
    private OkastJson() {}

    record Entry(String filePath, String requestTime, String lastStatusUpdate, String status, String statusError) {
        Entry withStatus(String newStatus, String newLastUpdate) {
            return new Entry(filePath, requestTime, newLastUpdate, newStatus, statusError);
        }

        String json() {
            StringBuilder b = new StringBuilder("{\"request\":{");
            if (filePath != null) {
                b.append("\"filePath\":\"").append(filePath).append("\",");
            }
            b.append("\"metadataPath\":\"https://my_storage_system/ingest-okast.json\"},");
            b.append("\"requestTime\":\"").append(requestTime).append("\",");
            b.append("\"lastStatusUpdate\":\"").append(lastStatusUpdate).append("\",");
            b.append("\"status\":\"").append(status).append('"');
            if (statusError != null) {
                b.append(",\"statusError\":\"").append(statusError).append('"');
            }
            return b.append('}').toString();
        }
    }

    static String body(List<Entry> entries) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < entries.size(); i++) {
            b.append(i == 0 ? "" : ",").append(entries.get(i).json());
        }
        return b.append(']').toString();
    }
}
