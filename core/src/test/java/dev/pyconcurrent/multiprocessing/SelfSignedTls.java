package dev.pyconcurrent.multiprocessing;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** TLS material for tests: a self-signed certificate for localhost and 127.0.0.1, made with keytool. */
final class SelfSignedTls {
    private static final char[] PASSWORD = "changeit".toCharArray();

    private final KeyStore keyStore;

    private SelfSignedTls(KeyStore keyStore) {
        this.keyStore = keyStore;
    }

    /** Makes a new key pair and certificate in a temporary PKCS#12 key store. */
    static SelfSignedTls generate() throws Exception {
        Path dir = Files.createTempDirectory("pyc-tls-");
        Path file = dir.resolve("manager.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        java.lang.Process p = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "manager", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", file.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD), "-noprompt"))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool failed: " + out);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, PASSWORD);
        }
        Files.delete(file);
        Files.delete(dir);
        return new SelfSignedTls(ks);
    }

    /** A context with the certificate's key (to serve) that also trusts it (to connect). */
    SSLContext context() throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore, PASSWORD);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(keyStore);
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return c;
    }

    /** A client context that trusts the certificate only. */
    SSLContext clientContext() throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(keyStore);
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(null, tmf.getTrustManagers(), null);
        return c;
    }

    /** A client context that trusts none of it (the JDK's default trust store). */
    static SSLContext untrusting() throws Exception {
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(null, null, null);
        return c;
    }
}
