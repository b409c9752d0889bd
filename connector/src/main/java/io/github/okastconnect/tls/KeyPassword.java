package io.github.okastconnect.tls;

/**
 * The password tried on a private key, and which setting supplied it, so that a key it does not open is reported
 * against the setting the user has to change.
 */
record KeyPassword(char[] chars, Source source) {
    enum Source {
        /** The key password was given. */
        KEY,
        /** No key password was given; the keystore password stands in for it. */
        STORE,
        /** Neither was given. */
        NONE
    }

    /** Why {@code what} (e.g. "the private key 'client'") could not be opened, and what to set. */
    String refusal(String what) {
        return switch (source) {
            case KEY -> "the key password does not open " + what + "; check the key password";
            case STORE ->
                "the keystore password does not open " + what + ", and no key password is given;"
                        + " give the key password";
            case NONE ->
                what + " is protected by a password, and neither a key password nor a keystore password"
                        + " is given; give the key password";
        };
    }
}
