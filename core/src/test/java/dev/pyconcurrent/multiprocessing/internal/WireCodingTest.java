package dev.pyconcurrent.multiprocessing.internal;

import dev.pyconcurrent.multiprocessing.internal.launch.HmacSha256;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The handshake's HMAC. */
class WireCodingTest {
    @Test
    void hmacMatchesTheJdkAndRfc4231() throws Exception {
        // Python: hmac.new(key, msg, 'sha256').digest(), as multiprocessing's authkey challenge uses
        byte[] key = HexFormat.of().parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
        assertThat(HexFormat.of().formatHex(HmacSha256.mac(key, "Hi There".getBytes("US-ASCII"))))
                .isEqualTo("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
        Random r = new Random(42);
        for (int len = 0; len < 300; len += 7) {
            byte[] k = new byte[len % 3 == 0 ? 100 : 32];
            byte[] m = new byte[len];
            r.nextBytes(k);
            r.nextBytes(m);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(k, "HmacSHA256"));
            assertThat(HmacSha256.mac(k, m)).as("length %d", len).isEqualTo(mac.doFinal(m));
            assertThat(HmacSha256.sha256(m)).isEqualTo(MessageDigest.getInstance("SHA-256").digest(m));
        }
        assertThat(HmacSha256.equal(new byte[] {1, 2}, new byte[] {1, 2})).isTrue();
        assertThat(HmacSha256.equal(new byte[] {1, 2}, new byte[] {1, 3})).isFalse();
        assertThat(HmacSha256.equal(new byte[] {1}, new byte[] {1, 3})).isFalse();
    }
}
