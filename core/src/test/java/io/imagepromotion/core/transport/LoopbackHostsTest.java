package io.imagepromotion.core.transport;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoopbackHostsTest {
    @ParameterizedTest
    @ValueSource(strings = {"localhost", "localhost:5000", "LOCALHOST:5000", "registry.localhost:5000", "127.0.0.1",
            "127.0.0.1:5000", "127.1.2.3:80", "127.255.255.255", "[::1]", "[::1]:5000", "[0:0:0:0:0:0:0:1]:443"})
    void loopbackHostsMayUsePlainHttp(String registry) {
        assertTrue(LoopbackHosts.isLoopback(registry));
    }

    @ParameterizedTest
    @ValueSource(strings = {"registry.example.com", "10.0.0.1:5000", "128.0.0.1", "127.0.0.256", "127.0.0", "127.0.0.1.nip.io",
            "localhost.example.com", "mylocalhost", "[::2]:5000", "[fe80::1]", "0.0.0.0:5000", "127.a.0.1"})
    void otherHostsAreNotLoopback(String registry) {
        assertFalse(LoopbackHosts.isLoopback(registry));
    }
}
