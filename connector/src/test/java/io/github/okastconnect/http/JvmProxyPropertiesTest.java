package io.github.okastconnect.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JvmProxyPropertiesTest {
    @Test
    void aNoticeNamesTheJvmProxyPropertiesThatAreSetButNotTheirValues() {
        Map<String, String> props =
                Map.of("https.proxyHost", "corp-proxy.example", "java.net.useSystemProxies", "false");
        String notice = JvmProxyProperties.ignoredNotice(props::get).orElseThrow();
        assertTrue(notice.contains("https.proxyHost") && notice.contains("http.proxy.url"), notice);
        assertFalse(notice.contains("corp-proxy.example"), notice);
        assertFalse(notice.contains("useSystemProxies"), "set to false is not a proxy setting: " + notice);
    }

    @Test
    void noNoticeWhenTheJvmSetsNoProxy() {
        assertEquals(Optional.empty(), JvmProxyProperties.ignoredNotice(name -> null));
    }
}
