package io.github.okastconnect.parser;

/**
 * Receives the kept entries of a scan, in response order: the fields that identify an entry and its state
 * (each null when absent or JSON null), and where the entry's object lies in the scanned body. The char
 * sequences are only valid during the call.
 */
public interface EntryVisitor {
    void entry(
            CharSequence filePath,
            CharSequence requestTime,
            CharSequence status,
            CharSequence lastStatusUpdate,
            int start,
            int end);
}
