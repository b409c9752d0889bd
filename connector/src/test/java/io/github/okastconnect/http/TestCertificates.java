package io.github.okastconnect.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed certificate for {@code localhost} only (SAN dns:localhost, no IP), made with the JDK's own keytool,
 * in the forms a connector config can point at: the server's PKCS12 keystore, the certificate as PEM, and
 * truststores in PKCS12 and JKS.
 *
 * <p>For mutual TLS, {@link #ca} and {@link #issue} make CAs, server and client certificates with BouncyCastle, and
 * the writers below put them in every form a client keystore can take, PEM keys included, which keytool cannot
 * write; {@link #startServer(Issued, X509Certificate, String,
 * HttpHandler)} serves HTTPS that requires a client certificate issued by a given CA.
 */
public final class TestCertificates {
    public static final String SERVER_PASSWORD = "server-store-pass";
    public static final String TRUST_PASSWORD = "trust-store-pass";

    public final Path serverKeystore;
    public final Path pem;
    public final Path trustPkcs12;
    public final Path trustJks;

    private TestCertificates(Path dir) {
        this.serverKeystore = dir.resolve("server.p12");
        this.pem = dir.resolve("server.pem");
        this.trustPkcs12 = dir.resolve("trust.p12");
        this.trustJks = dir.resolve("trust.jks");
    }

    public static TestCertificates create(Path dir) throws IOException, InterruptedException {
        TestCertificates c = new TestCertificates(dir);
        keytool(
                "-genkeypair",
                "-alias",
                "okast",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                c.serverKeystore.toString(),
                "-storepass",
                SERVER_PASSWORD,
                "-keypass",
                SERVER_PASSWORD);
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "okast",
                "-keystore",
                c.serverKeystore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                SERVER_PASSWORD,
                "-file",
                c.pem.toString());
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                "okast",
                "-file",
                c.pem.toString(),
                "-storetype",
                "PKCS12",
                "-keystore",
                c.trustPkcs12.toString(),
                "-storepass",
                TRUST_PASSWORD);
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                "okast",
                "-file",
                c.pem.toString(),
                "-storetype",
                "JKS",
                "-keystore",
                c.trustJks.toString(),
                "-storepass",
                TRUST_PASSWORD);
        return c;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }

    /** An HTTPS server on 127.0.0.1 (ephemeral port) presenting the localhost-only certificate. */
    public HttpsServer startServer(String path, HttpHandler handler) throws IOException, GeneralSecurityException {
        KeyStore keystore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(serverKeystore)) {
            keystore.load(in, SERVER_PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keystore, SERVER_PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return serve(new HttpsConfigurator(context), path, handler);
    }

    private static HttpsServer serve(HttpsConfigurator configurator, String path, HttpHandler handler)
            throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(configurator);
        server.createContext(path, handler);
        server.setExecutor(daemonThreads());
        server.start();
        return server;
    }

    /** What a certificate is for: its basic constraints, key usage, extended key usage and names follow. */
    public enum Role {
        CA,
        SERVER,
        CLIENT
    }

    /** A key pair and the chain that certifies it: its own certificate first, then intermediate CAs, no root. */
    public record Issued(KeyPair keys, X509Certificate... chain) {
        public X509Certificate certificate() {
            return chain[0];
        }

        public PrivateKey privateKey() {
            return keys.getPrivate();
        }
    }

    /** A self-signed root CA. */
    public static Issued ca(String commonName, String keyAlgorithm) throws GeneralSecurityException {
        return issue(null, commonName, keyAlgorithm, Role.CA);
    }

    /**
     * A certificate signed by {@code issuer} (self-signed when null), valid from an hour ago for two days. A server
     * certificate names {@code localhost} and {@code 127.0.0.1}.
     *
     * @param keyAlgorithm RSA (2048 bits) or EC (P-256)
     */
    public static Issued issue(Issued issuer, String commonName, String keyAlgorithm, Role role)
            throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(keyAlgorithm);
        generator.initialize(keyAlgorithm.equals("EC") ? 256 : 2048);
        KeyPair keys = generator.generateKeyPair();
        X500Name subject = new X500Name("CN=" + commonName);
        X500Name issuerName = issuer == null
                ? subject
                : X500Name.getInstance(
                        issuer.certificate().getSubjectX500Principal().getEncoded());
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                issuerName,
                new BigInteger(64, new SecureRandom()),
                Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(2))),
                subject,
                keys.getPublic());
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(
                    Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()));
            if (issuer != null) {
                builder.addExtension(
                        Extension.authorityKeyIdentifier,
                        false,
                        extensions.createAuthorityKeyIdentifier(issuer.certificate()));
            }
            switch (role) {
                case CA -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                    builder.addExtension(
                            Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                }
                case SERVER -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                    builder.addExtension(
                            Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                    builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.dNSName, "localhost"),
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1")
                    }));
                }
                case CLIENT -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                    builder.addExtension(
                            Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
                }
            }
            PrivateKey signer = issuer == null ? keys.getPrivate() : issuer.privateKey();
            String algorithm = signer.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(signer)));
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(certificate);
            if (issuer != null) {
                // the issuer's own chain less its root, which the server has
                for (X509Certificate above : issuer.chain()) {
                    if (!above.getSubjectX500Principal().equals(above.getIssuerX500Principal())) {
                        chain.add(above);
                    }
                }
            }
            return new Issued(keys, chain.toArray(new X509Certificate[0]));
        } catch (IOException | OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    /** A PKCS12 or JKS keystore holding {@code identity} under the alias {@code client}. */
    public static Path writeKeystore(Path file, String type, Issued identity, String storePassword, String keyPassword)
            throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(type);
        store.load(null, null);
        store.setKeyEntry("client", identity.privateKey(), keyPassword.toCharArray(), identity.chain());
        return write(file, store, storePassword);
    }

    /** A PKCS12 or JKS truststore of {@code certificates}. */
    public static Path writeTruststore(Path file, String type, String password, X509Certificate... certificates)
            throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(type);
        store.load(null, null);
        for (int i = 0; i < certificates.length; i++) {
            store.setCertificateEntry("ca-" + i, certificates[i]);
        }
        return write(file, store, password);
    }

    private static Path write(Path file, KeyStore store, String password) throws GeneralSecurityException, IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        return file;
    }

    /** How {@link #pemKey} writes a private key. */
    public enum KeyFormat {
        /** PKCS#8, {@code BEGIN PRIVATE KEY}. */
        PKCS8,
        /** PKCS#8 encrypted with PBES2 (PBKDF2 with HMAC-SHA256, AES-256-CBC), OpenSSL 1.1 and 3's default. */
        PKCS8_AES,
        /** PKCS#8 encrypted with PKCS#12's PBE-SHA1-3DES, as {@code openssl pkcs8 -topk8 -v1 PBE-SHA1-3DES}. */
        PKCS8_3DES,
        /** PKCS#8 encrypted with PBES2 and DES-EDE3-CBC ({@code -v2 des3}), which the JDK cannot read. */
        PKCS8_PBES2_3DES,
        /** OpenSSL's traditional form: {@code BEGIN RSA PRIVATE KEY} (PKCS#1), {@code BEGIN EC PRIVATE KEY}. */
        TRADITIONAL
    }

    /** {@code key} in PEM; {@code password} is used by the encrypted formats only. */
    public static String pemKey(PrivateKey key, KeyFormat format, String password) throws GeneralSecurityException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            switch (format) {
                case PKCS8 -> writer.writeObject(new JcaPKCS8Generator(key, null));
                case TRADITIONAL -> writer.writeObject(key);
                default -> {
                    ASN1ObjectIdentifier scheme = switch (format) {
                        case PKCS8_AES -> PKCS8Generator.AES_256_CBC;
                        case PKCS8_3DES -> PKCS8Generator.PBE_SHA1_3DES;
                        default -> PKCS8Generator.DES3_CBC;
                    };
                    JceOpenSSLPKCS8EncryptorBuilder encryptor = new JceOpenSSLPKCS8EncryptorBuilder(scheme)
                            .setProvider(BouncyCastle.PROVIDER)
                            .setPassword(password.toCharArray());
                    if (format == KeyFormat.PKCS8_AES) {
                        encryptor.setPRF(PKCS8Generator.PRF_HMACSHA256);
                    }
                    writer.writeObject(new JcaPKCS8Generator(key, encryptor.build()));
                }
            }
        } catch (IOException | OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
        return text.toString();
    }

    /** Certificates in PEM, in the order given. */
    public static String pem(X509Certificate... certificates) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (X509Certificate certificate : certificates) {
                writer.writeObject(certificate);
            }
        }
        return text.toString();
    }

    /**
     * An HTTPS server on 127.0.0.1 (ephemeral port) presenting {@code identity} and requiring a client certificate
     * issued by {@code clientCa}: a client without one, or with one from another CA, fails the handshake. When it
     * refuses a certificate it closes the connection without a TLS alert, so the client sees the connection drop
     * (see {@link AlertingServer}).
     */
    public static HttpsServer startServer(Issued identity, X509Certificate clientCa, String path, HttpHandler handler)
            throws IOException, GeneralSecurityException {
        return serve(
                new HttpsConfigurator(mutualTlsContext(identity, clientCa)) {
                    @Override
                    public void configure(HttpsParameters params) {
                        // HttpsParameters.setNeedClientAuth alone is not applied to the engine on JDK 17: the request
                        // then reaches the handler with no peer certificate. SSLParameters are.
                        SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
                        ssl.setNeedClientAuth(true);
                        params.setSSLParameters(ssl);
                    }
                },
                path,
                handler);
    }

    /** A server context presenting {@code identity} and trusting client certificates issued by {@code clientCa}. */
    public static SSLContext mutualTlsContext(Issued identity, X509Certificate clientCa)
            throws GeneralSecurityException, IOException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", identity.privateKey(), SERVER_PASSWORD.toCharArray(), identity.chain());
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, SERVER_PASSWORD.toCharArray());
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("client-ca", clientCa);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }

    /**
     * A bare HTTPS endpoint on 127.0.0.1 that requires a client certificate and answers each request with an empty
     * 200, one request per connection. {@link HttpsServer} drops a connection whose client certificate it refuses
     * without a TLS alert; this one sends the alert (bad_certificate, certificate_required) and then reads what the
     * client still sends until it hangs up, so the alert reaches the client rather than a reset. That is what lets
     * a client tell a refused certificate from a dropped connection.
     */
    public static final class AlertingServer implements AutoCloseable {
        private final ServerSocket socket;
        private final SSLContext context;
        private final ConcurrentLinkedQueue<String> clients = new ConcurrentLinkedQueue<>();

        AlertingServer(Issued identity, X509Certificate clientCa) throws GeneralSecurityException, IOException {
            context = mutualTlsContext(identity, clientCa);
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(this::accept, "test-alerting-https-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        public int port() {
            return socket.getLocalPort();
        }

        /** The client certificate subject of each request answered. */
        public List<String> clients() {
            return List.copyOf(clients);
        }

        public void clearClients() {
            clients.clear();
        }

        private void accept() {
            while (!socket.isClosed()) {
                try (Socket plain = socket.accept()) {
                    plain.setSoTimeout(10_000);
                    // Layered without auto-close, so a refused handshake leaves the TCP connection to us.
                    SSLSocket connection =
                            (SSLSocket) context.getSocketFactory().createSocket(plain, null, plain.getPort(), false);
                    connection.setUseClientMode(false);
                    connection.setNeedClientAuth(true);
                    try {
                        connection.startHandshake();
                    } catch (SSLException refused) {
                        plain.getInputStream().transferTo(OutputStream.nullOutputStream());
                        continue;
                    }
                    InputStream in = connection.getInputStream();
                    for (int matched = 0; matched < 4; ) { // the request head ends with CR LF CR LF
                        int b = in.read();
                        if (b < 0) {
                            break;
                        }
                        matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : (b == '\r' ? 1 : 0);
                    }
                    clients.add(connection.getSession().getPeerPrincipal().getName());
                    connection
                            .getOutputStream()
                            .write(("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n" + "Connection: close\r\n\r\n")
                                    .getBytes(StandardCharsets.US_ASCII));
                    connection.close();
                } catch (IOException e) {
                    // a connection that went wrong, or the server socket closed: on to the next, or out
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** Only for writing encrypted PKCS#8 keys (BouncyCastle's PBE schemes); never installed as a JVM provider. */
    private static final class BouncyCastle {
        static final Provider PROVIDER = new BouncyCastleProvider();
    }

    /** Handler threads that never keep the test JVM alive. */
    public static ExecutorService daemonThreads() {
        return Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-http-server");
            t.setDaemon(true);
            return t;
        });
    }
}
