package io.github.okastconnect.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.okastconnect.http.OAuth2Settings.ClientAuthentication;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;

class OAuth2SettingsTest {
    private static OAuth2Settings settings(String uri, Optional<String> scope) {
        return new OAuth2Settings(
                URI.create(uri),
                "id",
                new Password("the-secret"),
                scope,
                Optional.empty(),
                ClientAuthentication.CLIENT_SECRET_BASIC,
                Duration.ofSeconds(1),
                Duration.ofSeconds(1));
    }

    @Test
    void blankScopeAndAudienceAreAbsent() {
        OAuth2Settings settings = settings("https://idp.example/token", Optional.of("  "));

        assertEquals(Optional.empty(), settings.scope());
        assertEquals(Optional.empty(), settings.audience());
    }

    @Test
    void theSecretIsHiddenInToString() {
        String text = settings("https://idp.example/token", Optional.empty()).toString();

        assertFalse(text.contains("the-secret"), text);
        assertTrue(text.contains("[hidden]"), text);
    }

    @Test
    void onlyAbsoluteHttpUrisWithoutUserInfoAreAccepted() {
        for (String uri :
                new String[] {"/token", "ftp://idp.example/token", "https://u:p@idp.example/token", "mailto:a@b.example"
                }) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> settings(uri, Optional.empty()), uri);
            assertFalse(e.getMessage().contains("u:p"), e.getMessage());
        }
    }

    @Test
    void timeoutsMustBePositive() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new OAuth2Settings(
                        URI.create("https://idp.example/t"),
                        "id",
                        new Password("s"),
                        Optional.empty(),
                        Optional.empty(),
                        ClientAuthentication.CLIENT_SECRET_POST,
                        Duration.ZERO,
                        Duration.ofSeconds(1)));
        assertThrows(
                IllegalArgumentException.class,
                () -> new OAuth2Settings(
                        URI.create("https://idp.example/t"),
                        " ",
                        new Password("s"),
                        Optional.empty(),
                        Optional.empty(),
                        ClientAuthentication.CLIENT_SECRET_POST,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1)));
    }
}
