package io.github.okastconnect.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Reads a PEM keystore: one PKCS#8 private key, plain or encrypted (PBES2 as OpenSSL writes it by default, or the
 * older PKCS#12 schemes), and its certificate chain, in one file and in any order of key and chain, as Kafka's
 * {@code ssl.keystore.type=PEM} takes it. JDK only, since the connector ships as a plugin without a crypto library:
 * keys in OpenSSL's older formats are refused with the command that converts them.
 */
final class PemKeystore {
    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";
    private static final String PBES2_OID = "1.2.840.113549.1.5.13";
    /** What a PKCS#8 key may be, in the order tried: the JDK reads the algorithm only by trying a factory. */
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "EdDSA", "RSASSA-PSS", "DSA");

    private static final String CONVERT = "convert it to PKCS#8 with `openssl pkcs8 -topk8 -in key.pem -out"
            + " key-pkcs8.pem` (add -nocrypt to leave it unencrypted) and use the result in its place";

    private PemKeystore() {}

    /** One {@code -----BEGIN label-----} ... {@code -----END label-----} block, found at a line of the file. */
    record Block(String label, String base64, int line) {
        String describe() {
            return "the " + label + " block on line " + line;
        }
    }

    static KeyEntry read(StoreFiles.Where where, byte[] file, KeyPassword password) throws GeneralSecurityException {
        List<Block> keys = new ArrayList<>();
        List<Block> certificates = new ArrayList<>();
        List<Block> blocks = blocks(where, new String(file, StandardCharsets.ISO_8859_1));
        if (blocks.isEmpty()) {
            throw new KeyStoreException(where + ": no PEM block ('-----BEGIN ...-----'); if it is a PKCS12 or JKS"
                    + " file, set the keystore type to match");
        }
        for (Block block : blocks) {
            switch (block.label()) {
                case "PRIVATE KEY", "ENCRYPTED PRIVATE KEY" -> keys.add(block);
                case "CERTIFICATE" -> certificates.add(block);
                default -> {
                    if (block.label().endsWith("PRIVATE KEY")) {
                        throw unsupportedKey(where, block);
                    }
                }
            }
        }
        if (keys.isEmpty()) {
            throw new KeyStoreException(where + ": no private key; the file must hold the client's private key"
                    + " ('-----BEGIN PRIVATE KEY-----' or '-----BEGIN ENCRYPTED PRIVATE KEY-----') and its"
                    + " certificate chain");
        }
        if (keys.size() > 1) {
            throw new KeyStoreException(where + ": " + keys.size() + " private keys (lines "
                    + keys.stream()
                            .map(b -> String.valueOf(b.line()))
                            .reduce((a, b) -> a + ", " + b)
                            .orElseThrow()
                    + "); the file must hold exactly one, with its certificate chain");
        }
        if (certificates.isEmpty()) {
            throw new KeyStoreException(where + ": no certificate; the file must hold, besides the private key, the"
                    + " client certificate followed by any intermediate CA certificates"
                    + " ('-----BEGIN CERTIFICATE-----' blocks)");
        }
        Block keyBlock = keys.get(0);
        byte[] pkcs8 =
                keyBlock.label().equals("PRIVATE KEY") ? decode(where, keyBlock) : decrypt(where, keyBlock, password);
        PrivateKey key = privateKey(where, keyBlock, pkcs8);
        List<X509Certificate> chain = new ArrayList<>();
        for (Block block : certificates) {
            chain.add(certificate(where, block));
        }
        return KeyEntry.of(where, "the private key", null, key, chain.toArray(new X509Certificate[0]));
    }

    static List<Block> blocks(StoreFiles.Where where, String text) throws KeyStoreException {
        List<Block> blocks = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (!line.startsWith(BEGIN) || !line.endsWith(DASHES) || line.length() < BEGIN.length() + DASHES.length()) {
                continue;
            }
            String label = line.substring(BEGIN.length(), line.length() - DASHES.length());
            String end = END + label + DASHES;
            int start = i;
            StringBuilder base64 = new StringBuilder();
            while (++i < lines.length && !lines[i].strip().equals(end)) {
                base64.append(lines[i].strip());
            }
            if (i == lines.length) {
                throw new KeyStoreException(where + ": '" + line + "' on line " + (start + 1) + " has no '" + end
                        + "'; the file is cut short or damaged");
            }
            blocks.add(new Block(label, base64.toString(), start + 1));
        }
        return blocks;
    }

    private static byte[] decode(StoreFiles.Where where, Block block) throws KeyStoreException {
        try {
            return Base64.getDecoder().decode(block.base64());
        } catch (IllegalArgumentException e) {
            throw new KeyStoreException(
                    where + ": " + block.describe() + " is not valid base64; the file is" + " damaged", e);
        }
    }

    private static KeyStoreException unsupportedKey(StoreFiles.Where where, Block block) {
        String kind = switch (block.label()) {
            case "RSA PRIVATE KEY" -> "a PKCS#1 RSA key";
            case "EC PRIVATE KEY" -> "a SEC1 EC key";
            case "DSA PRIVATE KEY" -> "a DSA key in OpenSSL's legacy format";
            default -> null;
        };
        if (kind == null) {
            return new KeyStoreException(where + ": the private key on line " + block.line() + " is in a format"
                    + " Java cannot read ('-----BEGIN " + block.label() + "-----'); use a PKCS#8 key"
                    + " ('-----BEGIN PRIVATE KEY-----' or '-----BEGIN ENCRYPTED PRIVATE KEY-----')");
        }
        return new KeyStoreException(where + ": the private key on line " + block.line() + " is " + kind
                + " ('-----BEGIN " + block.label() + "-----'), which Java cannot read; " + CONVERT);
    }

    /** The PKCS#8 encoding inside an {@code ENCRYPTED PRIVATE KEY}, decrypted with the key password. */
    private static byte[] decrypt(StoreFiles.Where where, Block block, KeyPassword password)
            throws GeneralSecurityException {
        EncryptedPrivateKeyInfo info;
        try {
            info = new EncryptedPrivateKeyInfo(decode(where, block));
        } catch (IOException e) {
            throw new KeyStoreException(
                    where + ": the private key on line " + block.line() + " is encrypted in a"
                            + " way Java cannot read (" + e.getMessage() + "); re-encrypt it with `openssl pkcs8 -topk8"
                            + " -v2 aes-256-cbc -in key.pem -out key-pkcs8.pem`",
                    e);
        }
        if (password.source() == KeyPassword.Source.NONE) {
            throw new UnrecoverableKeyException(where + ": " + password.refusal("the encrypted private key"));
        }
        // For PBES2 the JDK names only the scheme; its parameters name the actual suite, as in
        // PBEWithHmacSHA256AndAES_256.
        String algorithm = info.getAlgName();
        if ((algorithm.equals("PBES2") || algorithm.equals(PBES2_OID)) && info.getAlgParameters() != null) {
            algorithm = info.getAlgParameters().toString();
        }
        Cipher cipher;
        try {
            SecretKey secret = SecretKeyFactory.getInstance(algorithm).generateSecret(new PBEKeySpec(password.chars()));
            cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.DECRYPT_MODE, secret, info.getAlgParameters());
        } catch (NoSuchAlgorithmException | NoSuchPaddingException e) {
            throw new KeyStoreException(
                    where + ": the private key on line " + block.line() + " is encrypted with "
                            + algorithm
                            + ", which this JVM cannot decrypt; re-encrypt it with `openssl pkcs8 -topk8 -v2"
                            + " aes-256-cbc -in key.pem -out key-pkcs8.pem`",
                    e);
        }
        try {
            return info.getKeySpec(cipher).getEncoded();
        } catch (InvalidKeySpecException e) {
            // A wrong password shows as bad padding, or as bytes that are not a PKCS#8 key.
            UnrecoverableKeyException wrong =
                    new UnrecoverableKeyException(where + ": " + password.refusal("the encrypted private key"));
            wrong.initCause(e);
            throw wrong;
        }
    }

    private static PrivateKey privateKey(StoreFiles.Where where, Block block, byte[] pkcs8) throws KeyStoreException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(pkcs8);
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
                // not this algorithm: try the next
            }
        }
        throw new KeyStoreException(where + ": the private key on line " + block.line() + " is neither an RSA nor"
                + " an EC (nor EdDSA, DSA) key in PKCS#8, or is damaged");
    }

    private static X509Certificate certificate(StoreFiles.Where where, Block block) throws CertificateException {
        byte[] der;
        try {
            der = decode(where, block);
        } catch (KeyStoreException e) {
            throw new CertificateException(e.getMessage(), e);
        }
        try {
            return (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new CertificateException(
                    where + ": " + block.describe() + " is not a readable X.509 certificate" + " (" + e.getMessage()
                            + ")",
                    e);
        }
    }
}
