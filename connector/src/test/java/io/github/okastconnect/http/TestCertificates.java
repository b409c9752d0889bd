package io.github.okastconnect.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * A self-signed certificate for {@code localhost} only (SAN dns:localhost, no IP), made with the JDK's own keytool,
 * in the forms a connector config can point at: the server's PKCS12 keystore, the certificate as PEM, and
 * truststores in PKCS12 and JKS.
 */
final class TestCertificates {
    static final String SERVER_PASSWORD = "server-store-pass";
    static final String TRUST_PASSWORD = "trust-store-pass";

    final Path serverKeystore;
    final Path pem;
    final Path trustPkcs12;
    final Path trustJks;

    private TestCertificates(Path dir) {
        this.serverKeystore = dir.resolve("server.p12");
        this.pem = dir.resolve("server.pem");
        this.trustPkcs12 = dir.resolve("trust.p12");
        this.trustJks = dir.resolve("trust.jks");
    }

    static TestCertificates create(Path dir) throws IOException, InterruptedException {
        TestCertificates c = new TestCertificates(dir);
        keytool("-genkeypair", "-alias", "okast", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", c.serverKeystore.toString(), "-storepass", SERVER_PASSWORD, "-keypass", SERVER_PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "okast", "-keystore", c.serverKeystore.toString(),
                "-storetype", "PKCS12", "-storepass", SERVER_PASSWORD, "-file", c.pem.toString());
        keytool("-importcert", "-noprompt", "-alias", "okast", "-file", c.pem.toString(), "-storetype", "PKCS12",
                "-keystore", c.trustPkcs12.toString(), "-storepass", TRUST_PASSWORD);
        keytool("-importcert", "-noprompt", "-alias", "okast", "-file", c.pem.toString(), "-storetype", "JKS",
                "-keystore", c.trustJks.toString(), "-storepass", TRUST_PASSWORD);
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
    HttpsServer startServer(String path, HttpHandler handler) throws IOException, GeneralSecurityException {
        KeyStore keystore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(serverKeystore)) {
            keystore.load(in, SERVER_PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keystore, SERVER_PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext(path, handler);
        server.setExecutor(daemonThreads());
        server.start();
        return server;
    }

    /** Handler threads that never keep the test JVM alive. */
    static ExecutorService daemonThreads() {
        return Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-http-server");
            t.setDaemon(true);
            return t;
        });
    }
}
