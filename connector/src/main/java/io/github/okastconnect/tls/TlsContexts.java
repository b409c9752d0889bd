package io.github.okastconnect.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.apache.kafka.common.config.types.Password;

/**
 * Builds the SSLContext of a task from the connector's config: a truststore, so trusting a private CA or a
 * self-signed instance never needs JVM-wide flags on the worker, and a keystore holding the client certificate for
 * instances that require mutual TLS. Hostname verification stays on unless disabled, and disabling it affects only
 * this connector's client.
 *
 * <p>Every failure names the file, the type it was read as and what to change (which password, which setting), and
 * never carries a password.
 */
public final class TlsContexts {
    private TlsContexts() {}

    /**
     * @param location truststore path, or null for the JVM's default trust (with hostname verification as asked)
     * @param type     PKCS12, JKS or PEM (one or more X.509 certificates)
     * @return null when the JDK defaults apply unchanged
     */
    public static SSLContext create(String location, Password password, String type, boolean verifyHostname)
            throws GeneralSecurityException, IOException {
        return create(location == null ? null : new TruststoreSettings(location, password, type), null, verifyHostname);
    }

    /**
     * @param truststore the certificates to trust, or null for the JVM's default trust
     * @param keystore   the client certificate to present when a server asks for one, or null to present none
     * @return null when neither is given and host names are verified: the JDK defaults apply unchanged
     */
    public static SSLContext create(TruststoreSettings truststore, KeystoreSettings keystore, boolean verifyHostname)
            throws GeneralSecurityException, IOException {
        if (truststore == null && keystore == null && verifyHostname) {
            return null;
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(truststore == null ? null : trustStore(truststore));
        X509TrustManager trust = null;
        for (TrustManager tm : factory.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                trust = x;
            }
        }
        if (trust == null) {
            throw new GeneralSecurityException("no X.509 trust manager available");
        }
        KeyManager[] keys = keystore == null ? null : ClientKeys.keyManagers(keystore);
        SSLContext context = SSLContext.getInstance("TLS");
        TrustManager chosen = verifyHostname ? trust : new ChainOnlyTrustManager(trust);
        context.init(keys, new TrustManager[] {chosen}, null);
        return context;
    }

    static KeyStore trustStore(TruststoreSettings settings) throws GeneralSecurityException, IOException {
        StoreFiles.Where where = new StoreFiles.Where("truststore", settings.location(), settings.type());
        KeyStore store;
        if (where.type().equals("PEM")) {
            store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            Collection<? extends Certificate> certs;
            try {
                certs = CertificateFactory.getInstance("X.509")
                        .generateCertificates(new ByteArrayInputStream(StoreFiles.read(where)));
            } catch (CertificateException e) {
                throw new CertificateException(
                        where + ": not a file of X.509 certificates (" + e.getMessage()
                                + "); check the truststore type (PKCS12, JKS or PEM) and location",
                        e);
            }
            int i = 0;
            for (Certificate cert : certs) {
                store.setCertificateEntry("okast-ca-" + i++, cert);
            }
        } else {
            store = StoreFiles.load(where, settings.password());
        }
        if (store.size() == 0) {
            throw new CertificateException(where + ": no certificate"
                    + (where.type().equals("PEM")
                            ? "; the file must hold '-----BEGIN CERTIFICATE-----' blocks"
                            : StoreFiles.given(settings.password())
                                    ? ""
                                    : " readable without the truststore password; give the truststore password"));
        }
        return store;
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
