package io.github.okastconnect.tls;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;

/**
 * A private key with its certificate chain, client certificate first, checked to belong together. Checked here
 * because the TLS stack does not: a key that does not match its certificate only shows as a handshake the server
 * rejects, with nothing in the message pointing at the keystore.
 *
 * @param alias the keystore entry, or null for a PEM file's single key
 */
record KeyEntry(String alias, PrivateKey key, X509Certificate[] chain) {
    private static final byte[] CHALLENGE = "okast-connect key check".getBytes(StandardCharsets.US_ASCII);

    /**
     * @param what the key as messages name it, e.g. {@code the private key 'client'}
     */
    static KeyEntry of(StoreFiles.Where where, String what, String alias, PrivateKey key, Certificate[] chain)
            throws KeyStoreException {
        if (chain == null || chain.length == 0) {
            throw new KeyStoreException(
                    where + ": " + what + " has no certificate chain; store the client" + " certificate with the key");
        }
        X509Certificate[] x509 = new X509Certificate[chain.length];
        for (int i = 0; i < chain.length; i++) {
            if (!(chain[i] instanceof X509Certificate cert)) {
                throw new KeyStoreException(where + ": certificate " + (i + 1) + " of " + what + " is not an X.509"
                        + " certificate but " + chain[i].getType());
            }
            x509[i] = cert;
        }
        if (!matches(key, x509[0].getPublicKey())) {
            String problem = where + ": " + what + " does not match the first certificate of its chain ("
                    + x509[0].getSubjectX500Principal() + ")";
            for (int i = 1; i < x509.length; i++) {
                if (matches(key, x509[i].getPublicKey())) {
                    throw new KeyStoreException(problem + " but certificate " + (i + 1) + " ("
                            + x509[i].getSubjectX500Principal() + "); put the client certificate first, then its"
                            + " issuers");
                }
            }
            throw new KeyStoreException(problem + "; the key and the client certificate must be a pair (compare"
                    + " `openssl pkey -pubout` of the key with `openssl x509 -pubkey -noout` of the certificate)");
        }
        return new KeyEntry(alias, key, x509);
    }

    /** Whether {@code key} is the private half of {@code publicKey}. Keys of a kind not checked here pass. */
    static boolean matches(PrivateKey key, PublicKey publicKey) {
        if (key instanceof RSAKey rsa) {
            BigInteger modulus = rsa.getModulus();
            return publicKey instanceof RSAKey other && modulus.equals(other.getModulus());
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
            case "DSA" -> "SHA256withDSA";
            default -> null;
        };
        if (algorithm == null) {
            return true;
        }
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(CHALLENGE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(CHALLENGE);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
