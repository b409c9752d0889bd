package io.github.okastconnect.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Locale;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

import org.apache.kafka.common.config.types.Password;

/**
 * Builds the SSLContext of a task from a truststore given in the connector's config, so trusting a private CA or a
 * self-signed instance never needs JVM-wide flags on the worker. Hostname verification stays on unless disabled,
 * and disabling it affects only this connector's client.
 */
public final class TlsContexts {
    private TlsContexts() {
    }

    /**
     * @param location truststore path, or null for the JVM's default trust (with hostname verification as asked)
     * @param type     PKCS12, JKS or PEM (one or more X.509 certificates)
     * @return null when the JDK defaults apply unchanged
     */
    public static SSLContext create(String location, Password password, String type, boolean verifyHostname)
            throws GeneralSecurityException, IOException {
        if (location == null && verifyHostname) {
            return null;
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(location == null ? null : load(Path.of(location), password, type));
        X509TrustManager trust = null;
        for (TrustManager tm : factory.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                trust = x;
            }
        }
        if (trust == null) {
            throw new GeneralSecurityException("no X.509 trust manager available");
        }
        SSLContext context = SSLContext.getInstance("TLS");
        TrustManager chosen = verifyHostname ? trust : new ChainOnlyTrustManager(trust);
        context.init(null, new TrustManager[] {chosen}, null);
        return context;
    }

    static KeyStore load(Path path, Password password, String type) throws GeneralSecurityException, IOException {
        String kind = type.toUpperCase(Locale.ROOT);
        try (InputStream in = Files.newInputStream(path)) {
            if (kind.equals("PEM")) {
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
                        .generateCertificates(in);
                if (certs.isEmpty()) {
                    throw new CertificateException("no certificate found in " + path);
                }
                int i = 0;
                for (Certificate cert : certs) {
                    store.setCertificateEntry("okast-ca-" + i++, cert);
                }
                return store;
            }
            KeyStore store = KeyStore.getInstance(kind);
            store.load(in, password == null || password.value() == null ? null : password.value().toCharArray());
            return store;
        }
    }

    /**
     * Checks the certificate chain but not the host name. The JDK HTTP client verifies names through the trust
     * manager's engine-aware method, so answering it with the chain-only check turns name checks off for this
     * client alone.
     */
    private static final class ChainOnlyTrustManager extends X509ExtendedTrustManager {
        private final X509TrustManager delegate;

        ChainOnlyTrustManager(X509TrustManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            delegate.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            delegate.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }
}
